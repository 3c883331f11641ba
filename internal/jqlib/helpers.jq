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

# The id of the container the event comes from: container.id, else
# process.container.id (both schemas have both); null when neither is there.
def container_id:
  [(.container | objects | .id), (.process | objects | .container | objects | .id) | values] | .[0];
