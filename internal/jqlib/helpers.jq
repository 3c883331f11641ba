# csmctl's jq helpers for CSM Threats events: defined before every query
# filter and every --where expression, which may redefine them.

# The event's process ancestors, nearest first: process.ancestors when the
# event has it (it starts with the parent), else process.parent alone.
def ancestors:
  .process | objects
  | if (.ancestors | length) > 0 then .ancestors[]
    elif .parent != null then .parent
    else empty end;

# The executable name (else path) of the process and of each ancestor,
# nearest first: ["powershell.exe", "cmd.exe", "explorer.exe"].
def lineage:
  [(.process | objects), ancestors | .executable | .name // .path];

# lineage without the process itself.
def ancestor_names:
  [ancestors | .executable | .name // .path];

# True when the event is about a Windows registry key.
def is_registry:
  (.registry | type) == "object";

# True when the event's registry key is a Run or RunOnce autostart key.
def is_run_key:
  is_registry and (.registry.key_path // "" | test("\\\\CurrentVersion\\\\Run(Once)?$"; "i"));

# The process's command line as one string, on both platforms: Windows
# events have it (process.cmdline, returned as written); Linux events have
# argv0 and args, joined here with spaces, each word quoted as POSIX shells
# read it (shlex.quote's rule): as is when it is only A-Z a-z 0-9 @ % + = : ,
# . / _ -, else in single quotes, a ' inside written '"'"'. A word that is
# not a string is its JSON text, quoted likewise. null when the event has
# neither; args_truncated is not marked.
def cmdline:
  def word:
    (if type == "string" then . else tojson end)
    | if test("^[A-Za-z0-9@%+=:,./_-]+$") then .
      else "'" + gsub("'"; "'\"'\"'") + "'" end;
  .process as $p
  | if ($p | type) != "object" then null
    elif $p | has("cmdline") then $p.cmdline
    else [($p.argv0 | values), ($p.args | if type == "array" then .[] else values end) | word]
      | if length > 0 then join(" ") else null end
    end;

# The id of the container the event comes from: container.id, else
# process.container.id (both schemas have both); null when neither is there.
def container_id:
  [(.container | objects | .id), (.process | objects | .container | objects | .id) | values] | .[0];
