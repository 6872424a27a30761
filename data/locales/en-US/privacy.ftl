# /privacy: a member's export and deletion of their own data.

delete-confirm-or-cancel = Use the Delete or Cancel button.
