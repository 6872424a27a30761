# /history: a member's ratings over time.

history-not-yours = These entries are not yours to see; run /history for your own.
