# The matrix: listing skills, importing a page or file, removing, reloading.

import-not-utf8 = { $file } is not UTF-8 text; save the page as UTF-8 and attach it again.
import-nothing = Attach the skill page or TOML file (file:), or paste it (text:). Usage: /matrix import file:<page>
import-shared-slug = { $slug } is a skill of the shared matrix; import this one under another slug (slug:<new-slug>).
import-unstorable = That skill cannot be imported: { $fault }.
import-file-fault = That skill file has a fault: { $fault }
import-file-name-no-slug = The file name "{ $file }" does not make a slug; give one: /matrix import file:<page> slug:<my-skill>
import-pasted-needs-slug = A pasted page needs a slug: /matrix import text:<page> slug:<my-skill>
import-page-fault = That page cannot be imported: { $fault }
import-confirm-or-cancel = Use Confirm or Cancel on the preview.
remove-shared-skill = { $skill } is a skill of the shared matrix, which every server sees: only skills this server imported can be removed here. (The shared ones are files in the matrix directory.)
remove-confirm-or-cancel = Use Remove or Cancel.
reload-faults = The matrix directory has faults, so the old matrix stays in use:
    { $faults }
