package hunt

import (
	"github.com/csmctl/csmctl/internal/memo"
	"github.com/csmctl/csmctl/internal/secl"
)

// The Windows mapping, from the Windows agent's field list (its SECL
// model's field tags, secl_windows.json) and its Windows serializers, which
// write the model into backend_windows events. The agent compares file
// paths, file names and command lines on Windows without regard to case.

// windowsMapping maps the Windows agent's fields to backend_windows
// events, built on first use.
var windowsMapping = memo.Value[*Mapping]{New: func() *Mapping { return newMapping(windowsFields()) }}

// Windows is the mapping of the Windows agent's fields to backend_windows
// events.
func Windows() *Mapping { return windowsMapping.Get() }

// anyCase makes a string field compare without regard to case.
func (f *Field) anyCase() *Field { f.Spec.CaseInsensitive = true; return f }

// winProcess adds the fields of a Windows process under prefix ("process",
// "process.parent", "process.ancestors", "exec", "exit"), read from the
// process object at json. user_sid is read from usr.sid, the event's user,
// when sid is set: the backend writes no sid in a process object.
func (t *table) winProcess(prefix, json string, many, sid bool) {
	start := len(t.fields)
	t.num(prefix+".pid", json+"/pid")
	t.num(prefix+".ppid", json+"/ppid")
	t.str(prefix+".user", json+"/user")
	if sid {
		t.str(prefix+".user_sid", "/usr/sid").derived("usr.sid, the sid of the user of the event's process")
	} else {
		t.unavailable(prefix+".user_sid", secl.TypeString, "the backend writes the sid of the event's process only, as usr.sid")
	}
	t.str(prefix+".cmdline", json+"/cmdline").anyCase()
	t.str(prefix+".container.id", json+"/container/id")
	t.date(prefix+".created_at", json+"/exec_time").derived("exec_time: a Windows process starts with its image")
	t.str(prefix+".file.path", json+"/executable/path").anyCase()
	t.str(prefix+".file.name", json+"/executable/name").anyCase()
	t.unavailable(prefix+".file.extension", secl.TypeString, "not serialized on Windows")
	t.unavailable(prefix+".envs", secl.TypeString, "the Windows backend does not write the environment").array()
	t.unavailable(prefix+".envp", secl.TypeString, "the Windows backend does not write the environment").array()
	if many {
		for i := start; i < len(t.fields); i++ {
			t.fields[i].Spec.Array = true
		}
	}
}

// winFile adds the fields of a file of a Windows file event under prefix
// ("write.file"), read from the file object at json.
func (t *table) winFile(prefix, json string) {
	t.str(prefix+".path", json+"/path").anyCase()
	t.str(prefix+".name", json+"/name").anyCase()
	t.str(prefix+".device_path", json+"/device_path").anyCase()
	t.unavailable(prefix+".extension", secl.TypeString, "not serialized on Windows")
}

// registry adds the fields of a registry event under prefix
// ("create_key.registry"); value adds value_name.
func (t *table) registry(prefix string, value bool) {
	t.str(prefix+".key_name", "/registry/key_name")
	t.str(prefix+".key_path", "/registry/key_path")
	if value {
		t.str(prefix+".value_name", "/registry/value_name")
	}
}

// windowsFields is the Windows mapping.
func windowsFields() []Field {
	var all fieldSet
	each := all.each
	each("", func(t *table) {
		t.winProcess("process", "/process", false, true)
		t.winProcess("process.parent", "/process/parent", false, false)
		t.winProcess("process.ancestors", "/process/ancestors/*", true, false)
		t.event()
		t.unavailable("event.rule.tags", secl.TypeString, "the tags of the rule evaluating the event, not serialized")
		t.unavailable("event.source", secl.TypeString, "not serialized")
	})
	each("exec", func(t *table) { t.winProcess("exec", "/process", false, true) })
	each("exit", func(t *table) {
		t.winProcess("exit", "/process", false, true)
		t.num("exit.code", "/exit/code")
		t.constant("exit.cause", "/exit/cause")
	})
	for _, ev := range []string{"create", "delete", "write", "rename"} {
		each(ev, func(t *table) { t.winFile(ev+".file", "/file") })
	}
	each("rename", func(t *table) { t.winFile("rename.file.destination", "/file/destination") })
	// Each registry event has two prefixes, its name and a short alias.
	for _, ev := range []struct{ name, alias string }{
		{"create_key", "create"}, {"open_key", "open"}, {"delete_key", "delete"}, {"set_key_value", "set"},
	} {
		each(ev.name, func(t *table) {
			value := ev.name == "set_key_value"
			t.registry(ev.name+".registry", value)
			t.registry(ev.alias+".registry", value)
			if value {
				t.str(ev.name+".value_name", "/registry/value_name")
				t.str(ev.alias+".value_name", "/registry/value_name")
			}
		})
	}
	each("change_permission", func(t *table) {
		for _, name := range []string{"new_sd", "old_sd", "path", "type", "user_domain", "username"} {
			t.str("change_permission."+name, "/permission_change/"+name)
		}
	})
	return all
}
