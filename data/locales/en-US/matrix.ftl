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

# Faults of a skill page, a skill file or the matrix directory.
page-error-line = line { $line }: { $fault }
file-error-line = { $file }, line { $line }: { $fault }
file-error = { $file }: { $fault }
file-unreadable = cannot read the file: { $error }
file-updated-not-a-date = updated must be a date such as 2026-03-17
file-reads-back-different = the skill { $slug } would not read back the same from its TOML file
file-reads-back-not = the skill { $slug } would not read back from its TOML file: { $fault }
file-unknown-level = unknown level "{ $level }": use one of { $levels }
catalog-slug-twice = two skills have the slug "{ $slug }"
catalog-slug-twice-in = two skills have the slug "{ $slug }": this file and { $first }
catalog-dir-unreadable = cannot read the matrix directory: { $error }
cli-file-name-no-slug = the file name gives the slug "{ $slug }", which cannot be a slug: pass --slug <slug> (1 to 64 lowercase letters, digits, '-' or '_')
page-bad-slug = "{ $slug }" cannot be a slug: a slug is 1 to 64 lowercase letters, digits, '-' or '_'
page-no-tables = no expectation tables: a skill page has one table per level, with rows starting with '|'
page-header-short = the page header is incomplete: a skill page has at least { $least } lines before the first table (domain, skill profile, the four counts, group and date), this one has { $count }
page-count-expected = expected { $what ->
    [roles] the number of roles
    [levels] the number of levels
   *[required] the number of required expectations
} here, found "{ $found }"
page-optional-too-large = the optional count { $count } is too large
page-optional-expected = expected the line that counts the optional expectations, found "{ $found }"
page-domain-again = expected the domain "{ $domain }" again (as on line { $first }), found "{ $found }": the header is out of order
page-date-expected = expected the date the page was updated, such as 2026/3/17 or 17.3.2026, found "{ $found }"
page-date-ambiguous = the date "{ $date }" could be read day first or month first, and the page's interface language is not known
page-date-unreal = "{ $date }" is not a real date
page-tables-count = the page has { $count } tables; a skill has 1 to 5 levels, one table each
page-counts = { $roles ->
    [one] 1 role
   *[other] { $roles } roles
}, { $levels ->
    [one] 1 level
   *[other] { $levels } levels
}, { $required } required and { $optional } optional expectations
page-counts-differ = the page header promises { $promised }, but the tables hold { $found }: the page is cut off or damaged
page-not-utf8 = the file is not UTF-8 text; save the page as UTF-8
page-header-columns = a table header has three columns (role, required, description), this one has { $count }
page-table-header-expected = expected a table header such as { CODE("| Role | Required | Description |") } followed by { CODE("|---|---|---|") }
page-rule-without-header = a table rule without a header row above it
page-role-twice = { $role } appears twice in the same table
page-row-columns = wrong number of columns: { page-row-shape }
page-role-empty = the role column is empty
page-required-marker = expected the required marker "{ $word }" in the second column (as on line { $first }), found "{ $found }"
page-no-description = { $role } has no description: { page-row-shape }
page-row-shape = a row is { CODE("| Role | <required word> | description |") }, { CODE("| Role | description | |") } or { CODE("| Role | description |") }
page-row-expected = expected a table row starting with '|', found "{ $found }"
page-row-unended = the row does not end with '|': the page is cut off or damaged

# A skill's own rules.
skill-field-empty = { $what ->
    [name] name
    [domain] domain
    [group] group
    [tag] a tag
   *[role] the role
} is empty
skill-field-control = { $what ->
    [name] name
    [domain] domain
    [group] group
    [tag] a tag
   *[role] the role
} "{ $value }" holds a control character (U+{ $code }): a name is one line of plain text
skill-field-too-long = { $what ->
    [name] name
    [domain] domain
    [group] group
    [tag] a tag
   *[role] the role
} "{ $value }" is { $chars } characters long; keep it to { $most }
skill-bad-slug = slug "{ $slug }" is not valid: use 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit
skill-no-updated-date = the updated date is missing
skill-without-levels = the skill has no levels
skill-levels-not-consecutive = levels must be consecutive steps of { $all }, lowest first; found { $found }
skill-level-not-its = level { $level } is not one of this skill's levels ({ $levels })
skill-description-control = { $role } at { $level }: the description holds a control character (U+{ $code })
skill-description-empty = { $role } at { $level } has no description
skill-description-too-long = { $role } at { $level }: the description is longer than { $most } characters
skill-role-twice = { $role } has two expectations at { $level }
skill-no-expectations = the skill has no expectations
import-pasted-toml = pasted TOML
