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

# /matrix list.
matrix-empty = The matrix is empty. Import a skill page with /matrix import.
matrix-list-title = Skills ({ $count })
matrix-list-line = { STRONG($skill) } ({ $slug }) · { $levels ->
    [one] 1 level
   *[other] { $levels } levels
} · { $roles ->
    [one] 1 role
   *[other] { $roles } roles
}
matrix-list-line-own = { STRONG($skill) } ({ $slug }) · { $levels ->
    [one] 1 level
   *[other] { $levels } levels
} · { $roles ->
    [one] 1 role
   *[other] { $roles } roles
} · this server's
matrix-more-skills = More skills
matrix-how-to-add = A lead imports a page of the skill-matrix site (in any of its interface languages) or a TOML skill file with /matrix import; { CODE("skillbot matrix new <slug>") } writes a skeleton to fill in.

# /matrix import: the preview, and what it changes.
import-would-add = Would add { STRONG($skill) } ({ $slug }) for this server: { $levels ->
    [one] 1 level
   *[other] { $levels } levels
}, { $roles ->
    [one] 1 role
   *[other] { $roles } roles
}, { $required } required and { $optional } optional expectations.
import-would-update = Would update { STRONG($skill) } ({ $slug }): { $changes }
import-same = { STRONG($skill) } ({ $slug }) is already this server's, the same as this file: there is nothing to import.
import-would-import = Would import { $slug }.
import-preview = Import preview
import-role-at-level = { $role } at { $level }
import-changes-none = its name, domain, group, tags, date or levels change; no expectation does.
import-changes = { $changed ->
    [one] 1 expectation
   *[other] { $changed } expectations
} changed, { $added } added, { $removed } removed.
import-changed = Changed: { $expectations }.
import-added = Added: { $expectations }.
import-removed = Removed: { $expectations }.
import-done = Imported { STRONG($skill) } ({ $slug }) for this server. Try /skill { $slug } { $level }.

# /matrix remove.
remove-title = Remove { $skill }?
remove-question = This removes { STRONG($skill) } ({ $slug }) from this server's skills. The ratings members have in it stay in their history, under { $slug }.{ $targets ->
    [0] {""}
    [one] {" "}Its 1 target (/targets list) go with it.
   *[other] {" "}Its { $targets } targets (/targets list) go with it.
}
remove-done = Removed { STRONG($skill) } ({ $slug }) from this server's skills; its ratings stay in the members' history.{ $targets ->
    [0] {""}
    [one] {" "}Its 1 target went with it.
   *[other] {" "}Its { $targets } targets went with it.
}
remove-already = { $slug } was already removed.

# /matrix reload.
reload-slugs = {" "}({ $slugs })
reload-total = { $count ->
    [one] 1 skill
   *[other] { $count } skills
} in the shared matrix
reload-total-own = { $count ->
    [one] 1 skill
   *[other] { $count } skills
} in the shared matrix, { $all } with this server's own
reload-nothing = Reloaded: nothing changed; { $total }.
reload-changed = Reloaded: { $added } added{ $added_slugs }, { $removed } removed{ $removed_slugs }, { $changed } changed{ $changed_slugs }; { $total }.
