package lineage

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
)

// Decode reads the JSON value that starts at data[i] (after any whitespace)
// into ev and returns the index just past it. It fills only what Builder.Add
// and the event selectors read:
//
//   - agent.rule_id, evt.name, date;
//   - file.path, registry.key_path and value_name, exit.code;
//   - container.id, usr.name;
//   - process, process.parent and process.ancestors[]: pid, ppid,
//     exec_time, exit_time, executable.path and name, container.id,
//     cmdline, user, and Linux's tid, comm, fork_time, argv0, args,
//     args_truncated, is_exec_child and credentials.uid and user; and
//     process.truncated_ancestors.
//
// Everything else is checked for syntax and skipped without being built,
// which makes Decode several times faster than model.Decode. On the fields
// it fills it agrees with model.Decode: keys match exactly; the last of
// repeated keys wins; a value of the wrong type leaves its field zero, but a
// model.Int keeps it as ill-typed (model.Decode also keeps it in Extra;
// Decode drops it). It fails with a *jsonscan.SyntaxError (its Offset
// indexes data) for input that is not JSON, or model.ErrNotObject (with the
// index past the value) for a value that is not an object.
func Decode(data []byte, i int, ev *model.Event) (int, error) {
	return decode(decoder{b: data}, i, ev)
}

// Decoder decodes events as Decode does, into memory it reuses from one
// call to the next: what it fills of an event is valid until the next call
// only. Who keeps anything of an event copies it (EventOf does): decoding
// then allocates little more than the strings.
type Decoder struct {
	arena arena
}

// Decode decodes the event at data[i] into ev, as the function Decode does.
func (dec *Decoder) Decode(data []byte, i int, ev *model.Event) (int, error) {
	dec.arena.reset()
	return decode(decoder{b: data, a: &dec.arena}, i, ev)
}

// arena holds the objects a Decoder reuses.
type arena struct {
	agents      pool[model.AgentContext]
	evts        pool[model.EventContext]
	files       pool[model.FileEvent]
	registries  pool[model.RegistryEvent]
	exits       pool[model.ExitEvent]
	containers  pool[model.ContainerContext]
	users       pool[model.UserContext]
	executables pool[model.File]
	contexts    pool[model.ProcessContext]
	processes   pool[model.Process]
	credentials pool[model.ProcessCredentials]
	ancestors   []model.Process
}

func (a *arena) reset() {
	a.agents.reset()
	a.evts.reset()
	a.files.reset()
	a.registries.reset()
	a.exits.reset()
	a.containers.reset()
	a.users.reset()
	a.executables.reset()
	a.contexts.reset()
	a.processes.reset()
	a.credentials.reset()
}

// pool hands out zeroed *T, reusing those of the previous event once reset.
type pool[T any] struct {
	items []*T
	used  int
}

// get returns a zero *T: a new one when p is nil (Decode's decoder has no
// arena).
func (p *pool[T]) get() *T {
	if p == nil {
		return new(T)
	}
	if p.used == len(p.items) {
		p.items = append(p.items, new(T))
	}
	t := p.items[p.used]
	p.used++
	var zero T
	*t = zero
	return t
}

func (p *pool[T]) reset() { p.used = 0 }

// poolOf returns the pool field picks from d's arena, nil without one.
func poolOf[T any](d *decoder, field func(*arena) *pool[T]) *pool[T] {
	if d.a == nil {
		return nil
	}
	return field(d.a)
}

func decode(d decoder, i int, ev *model.Event) (int, error) {
	*ev = model.Event{}
	data := d.b
	i = jsonscan.SkipSpace(data, i)
	if i >= len(data) || data[i] != '{' {
		end, err := jsonscan.Skip(data, i, 0)
		if err != nil {
			return end, err
		}
		return end, model.ErrNotObject
	}
	end, err := d.object(i, 0, func(k key, v, depth int) (int, *jsonscan.SyntaxError) {
		switch {
		case k.is("agent"):
			return d.agent(v, depth, &ev.Agent)
		case k.is("evt"):
			return d.evt(v, depth, &ev.Evt)
		case k.is("date"):
			return d.time(v, depth, &ev.Date)
		case k.is("file"):
			return d.file(v, depth, &ev.File)
		case k.is("registry"):
			return d.registry(v, depth, &ev.Registry)
		case k.is("exit"):
			return d.exit(v, depth, &ev.Exit)
		case k.is("container"):
			return d.container(v, depth, &ev.Container)
		case k.is("usr"):
			return d.usr(v, depth, &ev.Usr)
		case k.is("process"):
			return d.processContext(v, depth, &ev.Process)
		}
		return jsonscan.Skip(data, v, depth)
	})
	if err != nil {
		return end, err
	}
	return end, nil
}

// decoder walks one record's bytes.
type decoder struct {
	b []byte
	a *arena // nil: allocate every object
}

// key is an object key, unescaped.
type key struct {
	b []byte
}

// is reports whether the key names the field name. Keys match exactly, as in
// the schema and jq: a "PROCESS" key is not the process (encoding/json
// would fold case, and let it stand in for the real one).
func (k key) is(name string) bool {
	return string(k.b) == name
}

// object calls member for each member of the object at d.b[i], with its key
// and the index of its value, which member must scan to its end. depth is
// the nesting depth of the object's container.
func (d *decoder) object(i, depth int, member func(k key, v, depth int) (int, *jsonscan.SyntaxError)) (int, *jsonscan.SyntaxError) {
	b := d.b
	depth++
	if depth > jsonscan.MaxDepth {
		return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("exceeded max nesting depth of %d", jsonscan.MaxDepth)}
	}
	i = jsonscan.SkipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		kend, colon, escaped, err := jsonscan.KeyString(b, i)
		if err != nil {
			return colon, err
		}
		k := key{b: b[i+1 : kend-1]}
		if escaped {
			k.b = []byte(jsonscan.Unquote(b[i:kend]))
		}
		v := jsonscan.SkipSpace(b, colon)
		if v >= len(b) {
			return v, &jsonscan.SyntaxError{Offset: v, Msg: "unexpected end of input"}
		}
		end, err := member(k, v, depth)
		if err != nil {
			return end, err
		}
		i = jsonscan.SkipSpace(b, end)
		if i >= len(b) {
			return i, &jsonscan.SyntaxError{Offset: i, Msg: "unexpected end of input"}
		}
		switch b[i] {
		case ',':
			i = jsonscan.SkipSpace(b, i+1)
		case '}':
			return i + 1, nil
		default:
			return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("invalid character %s after object value (expecting ',' or '}')", jsonscan.DescribeByte(b[i]))}
		}
	}
}

// array calls elem for each element of the array at d.b[i].
func (d *decoder) array(i, depth int, elem func(v, depth int) (int, *jsonscan.SyntaxError)) (int, *jsonscan.SyntaxError) {
	b := d.b
	depth++
	if depth > jsonscan.MaxDepth {
		return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("exceeded max nesting depth of %d", jsonscan.MaxDepth)}
	}
	i = jsonscan.SkipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return i + 1, nil
	}
	for {
		if i >= len(b) {
			return i, &jsonscan.SyntaxError{Offset: i, Msg: "unexpected end of input"}
		}
		end, err := elem(i, depth)
		if err != nil {
			return end, err
		}
		i = jsonscan.SkipSpace(b, end)
		if i >= len(b) {
			return i, &jsonscan.SyntaxError{Offset: i, Msg: "unexpected end of input"}
		}
		switch b[i] {
		case ',':
			i = jsonscan.SkipSpace(b, i+1)
		case ']':
			return i + 1, nil
		default:
			return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("invalid character %s after array element (expecting ',' or ']')", jsonscan.DescribeByte(b[i]))}
		}
	}
}

// str decodes a string value into dst; any other value leaves it "".
func (d *decoder) str(v, depth int, dst *string) (int, *jsonscan.SyntaxError) {
	*dst = ""
	if d.b[v] != '"' {
		return jsonscan.Skip(d.b, v, depth)
	}
	end, escaped, err := jsonscan.String(d.b, v)
	if err != nil {
		return end, err
	}
	if escaped {
		*dst = unquote(d.b[v:end])
	} else {
		*dst = string(d.b[v+1 : end-1])
	}
	return end, nil
}

// unquote decodes a string literal with escapes. The backslashes of
// Windows paths are escapes in every event, so the common escapes are
// decoded here; \u escapes go to jsonscan.Unquote, invalid UTF-8 to
// unquoteKeepingInvalid.
func unquote(lit []byte) string {
	body := lit[1 : len(lit)-1]
	if !utf8.Valid(body) {
		return unquoteKeepingInvalid(body)
	}
	var sb strings.Builder
	sb.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			sb.WriteByte(c)
			continue
		}
		i++ // jsonscan.String checked that an escape follows
		switch c = body[i]; c {
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'u':
			return jsonscan.Unquote(lit)
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// unquoteKeepingInvalid decodes the body of a string literal that holds
// bytes that are not UTF-8, keeping them as they are where jsonscan.Unquote
// would make each U+FFFD: text output then shows them as \xNN, as show
// does, and JSON output as U+FFFD, as show -o json and query do (both by
// package escape). Escapes are ASCII, so the runs between such bytes are
// whole string bodies of their own.
func unquoteKeepingInvalid(body []byte) string {
	b := make([]byte, 0, len(body))
	run := 0
	for i := 0; i < len(body); {
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n == 1 {
			b, _, _ = jsonscan.AppendUnquoted(b, string(body[run:i])+`"`, 0)
			b = append(b, body[i])
			run = i + 1
		}
		i += n
	}
	b, _, _ = jsonscan.AppendUnquoted(b, string(body[run:])+`"`, 0)
	return string(b)
}

// int decodes any value into dst, as model.Int does: an integer literal
// (1.0 and 1e3 included) that fits an int64 is an integer, anything else is
// ill-typed and kept as its JSON text.
func (d *decoder) int(v, depth int, dst *model.Int) (int, *jsonscan.SyntaxError) {
	end, err := jsonscan.Skip(d.b, v, depth)
	if err != nil {
		return end, err
	}
	*dst = model.ParseInt(d.b[v:end])
	return end, nil
}

// bool decodes true or false into dst, as model.Decode does; any other
// value leaves it absent.
func (d *decoder) bool(v, depth int, dst *model.Bool) (int, *jsonscan.SyntaxError) {
	*dst = model.Bool{}
	if c := d.b[v]; c != 't' && c != 'f' {
		return jsonscan.Skip(d.b, v, depth)
	}
	end, err := jsonscan.Literal(d.b, v)
	if err == nil {
		*dst = model.BoolOf(d.b[v] == 't')
	}
	return end, err
}

// time decodes any value into dst, as model.Time does: a valid RFC 3339
// string is parsed, anything else is kept as text.
func (d *decoder) time(v, depth int, dst *model.Time) (int, *jsonscan.SyntaxError) {
	end, err := jsonscan.Skip(d.b, v, depth)
	if err != nil {
		return end, err
	}
	*dst = model.Time{}
	// An error only says the value was not a string, which is kept all
	// the same.
	_ = dst.UnmarshalJSON(d.b[v:end])
	return end, nil
}

// obj decodes an object value with member into a new *T that it stores in
// dst; any other value (null included) leaves dst nil.
func obj[T any](d *decoder, v, depth int, dst **T, from *pool[T], member func(t *T, k key, v, depth int) (int, *jsonscan.SyntaxError)) (int, *jsonscan.SyntaxError) {
	*dst = nil
	if d.b[v] != '{' {
		return jsonscan.Skip(d.b, v, depth)
	}
	t := from.get()
	end, err := d.object(v, depth, func(k key, v, depth int) (int, *jsonscan.SyntaxError) {
		return member(t, k, v, depth)
	})
	if err != nil {
		return end, err
	}
	*dst = t
	return end, nil
}

// strObj decodes an object value into a new *T that it stores in dst, as
// obj does, for a T whose one field Decode fills is the string under key
// name, which field points to.
func strObj[T any](d *decoder, v, depth int, dst **T, from *pool[T], name string, field func(*T) *string) (int, *jsonscan.SyntaxError) {
	return obj(d, v, depth, dst, from, func(t *T, k key, v, depth int) (int, *jsonscan.SyntaxError) {
		if k.is(name) {
			return d.str(v, depth, field(t))
		}
		return jsonscan.Skip(d.b, v, depth)
	})
}

func (d *decoder) agent(v, depth int, dst **model.AgentContext) (int, *jsonscan.SyntaxError) {
	return strObj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.AgentContext] { return &a.agents }), "rule_id", func(a *model.AgentContext) *string { return &a.RuleID })
}

func (d *decoder) evt(v, depth int, dst **model.EventContext) (int, *jsonscan.SyntaxError) {
	return strObj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.EventContext] { return &a.evts }), "name", func(e *model.EventContext) *string { return &e.Name })
}

func (d *decoder) file(v, depth int, dst **model.FileEvent) (int, *jsonscan.SyntaxError) {
	return strObj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.FileEvent] { return &a.files }), "path", func(f *model.FileEvent) *string { return &f.Path })
}

func (d *decoder) registry(v, depth int, dst **model.RegistryEvent) (int, *jsonscan.SyntaxError) {
	return obj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.RegistryEvent] { return &a.registries }), func(r *model.RegistryEvent, k key, v, depth int) (int, *jsonscan.SyntaxError) {
		switch {
		case k.is("key_path"):
			return d.str(v, depth, &r.KeyPath)
		case k.is("value_name"):
			return d.str(v, depth, &r.ValueName)
		}
		return jsonscan.Skip(d.b, v, depth)
	})
}

func (d *decoder) exit(v, depth int, dst **model.ExitEvent) (int, *jsonscan.SyntaxError) {
	return obj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.ExitEvent] { return &a.exits }), func(e *model.ExitEvent, k key, v, depth int) (int, *jsonscan.SyntaxError) {
		if k.is("code") {
			return d.int(v, depth, &e.Code)
		}
		return jsonscan.Skip(d.b, v, depth)
	})
}

func (d *decoder) container(v, depth int, dst **model.ContainerContext) (int, *jsonscan.SyntaxError) {
	return strObj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.ContainerContext] { return &a.containers }), "id", func(c *model.ContainerContext) *string { return &c.ID })
}

func (d *decoder) usr(v, depth int, dst **model.UserContext) (int, *jsonscan.SyntaxError) {
	return strObj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.UserContext] { return &a.users }), "name", func(u *model.UserContext) *string { return &u.Name })
}

func (d *decoder) executable(v, depth int, dst **model.File) (int, *jsonscan.SyntaxError) {
	return obj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.File] { return &a.executables }), func(f *model.File, k key, v, depth int) (int, *jsonscan.SyntaxError) {
		switch {
		case k.is("path"):
			return d.str(v, depth, &f.Path)
		case k.is("name"):
			return d.str(v, depth, &f.Name)
		}
		return jsonscan.Skip(d.b, v, depth)
	})
}

// processMember decodes one member of a process object into p, reporting
// false for a key that is not a process field.
func (d *decoder) processMember(p *model.Process, k key, v, depth int) (int, bool, *jsonscan.SyntaxError) {
	var end int
	var err *jsonscan.SyntaxError
	// A switch on the key's text, which the compiler makes a search by
	// length and value, not sixteen comparisons in a row.
	switch string(k.b) {
	case "pid":
		end, err = d.int(v, depth, &p.PID)
	case "ppid":
		end, err = d.int(v, depth, &p.PPID)
	case "exec_time":
		end, err = d.time(v, depth, &p.ExecTime)
	case "exit_time":
		end, err = d.time(v, depth, &p.ExitTime)
	case "executable":
		end, err = d.executable(v, depth, &p.Executable)
	case "container":
		end, err = d.container(v, depth, &p.Container)
	case "cmdline":
		end, err = d.str(v, depth, &p.Cmdline)
	case "user":
		end, err = d.str(v, depth, &p.User)
	case "tid":
		end, err = d.int(v, depth, &p.TID)
	case "comm":
		end, err = d.str(v, depth, &p.Comm)
	case "fork_time":
		end, err = d.time(v, depth, &p.ForkTime)
	case "argv0":
		end, err = d.str(v, depth, &p.Argv0)
	case "args":
		end, err = d.strs(v, depth, &p.Args)
	case "args_truncated":
		end, err = d.bool(v, depth, &p.ArgsTruncated)
	case "is_exec_child":
		end, err = d.bool(v, depth, &p.IsExecChild)
	case "credentials":
		end, err = d.credentials(v, depth, &p.Credentials)
	default:
		return 0, false, nil
	}
	return end, true, err
}

// process decodes a process object into p.
func (d *decoder) process(v, depth int, p *model.Process) (int, *jsonscan.SyntaxError) {
	return d.object(v, depth, func(k key, v, depth int) (int, *jsonscan.SyntaxError) {
		return d.processField(p, k, v, depth)
	})
}

// processField decodes one member of a process object into p.
func (d *decoder) processField(p *model.Process, k key, v, depth int) (int, *jsonscan.SyntaxError) {
	if end, ok, err := d.processMember(p, k, v, depth); ok {
		return end, err
	}
	return jsonscan.Skip(d.b, v, depth)
}

func (d *decoder) processContext(v, depth int, dst **model.ProcessContext) (int, *jsonscan.SyntaxError) {
	return obj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.ProcessContext] { return &a.contexts }), func(pc *model.ProcessContext, k key, v, depth int) (int, *jsonscan.SyntaxError) {
		if end, ok, err := d.processMember(&pc.Process, k, v, depth); ok {
			return end, err
		}
		switch {
		case k.is("parent"):
			return obj(d, v, depth, &pc.Parent, poolOf(d, func(a *arena) *pool[model.Process] { return &a.processes }), d.processField)
		case k.is("ancestors"):
			return d.ancestors(v, depth, &pc.Ancestors)
		case k.is("truncated_ancestors"):
			return d.bool(v, depth, &pc.TruncatedAncestors)
		}
		return jsonscan.Skip(d.b, v, depth)
	})
}

// credentials decodes the uid and user of a credentials object into dst, as
// obj does; any other value leaves them absent.
func (d *decoder) credentials(v, depth int, dst **model.ProcessCredentials) (int, *jsonscan.SyntaxError) {
	return obj(d, v, depth, dst, poolOf(d, func(a *arena) *pool[model.ProcessCredentials] { return &a.credentials }), func(c *model.ProcessCredentials, k key, v, depth int) (int, *jsonscan.SyntaxError) {
		switch {
		case k.is("uid"):
			return d.int(v, depth, &c.UID)
		case k.is("user"):
			return d.str(v, depth, &c.User)
		}
		return jsonscan.Skip(d.b, v, depth)
	})
}

// strs decodes an array of strings into dst, an empty one into an empty
// slice. As ancestors does with a list of processes, any other value, or an
// element that is not a string, leaves it nil: an argument is never
// invented from a number.
func (d *decoder) strs(v, depth int, dst *[]string) (int, *jsonscan.SyntaxError) {
	*dst = nil
	if d.b[v] != '[' {
		return jsonscan.Skip(d.b, v, depth)
	}
	// The strings share one allocation: a process has tens of arguments,
	// and an event carries the arguments of each process of its chain.
	var textBuf [1024]byte
	var endsBuf [64]int
	text := textBuf[:0]
	ends := endsBuf[:0] // where each string ends in text
	fits := true
	end, err := d.array(v, depth, func(v, depth int) (int, *jsonscan.SyntaxError) {
		if d.b[v] != '"' {
			fits = false
			return jsonscan.Skip(d.b, v, depth)
		}
		end, escaped, err := jsonscan.String(d.b, v)
		if err != nil {
			return end, err
		}
		if escaped {
			text = append(text, unquote(d.b[v:end])...)
		} else {
			text = append(text, d.b[v+1:end-1]...)
		}
		ends = append(ends, len(text))
		return end, nil
	})
	if err != nil || !fits {
		return end, err
	}
	all := string(text)
	list := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		list[i] = all[start:e]
		start = e
	}
	*dst = list
	return end, nil
}

// ancestors decodes an array of processes. As in model.Decode, a null
// element is a zero process, and so is an element of another type: the
// others keep their places.
func (d *decoder) ancestors(v, depth int, dst *[]model.Process) (int, *jsonscan.SyntaxError) {
	*dst = nil
	if d.b[v] != '[' {
		return jsonscan.Skip(d.b, v, depth)
	}
	var list []model.Process
	if d.a != nil {
		list = d.a.ancestors[:0]
		// Kept for the next event, even when this one's list is invalid.
		defer func() { d.a.ancestors = list[:0] }()
	} else {
		list = make([]model.Process, 0, 8)
	}
	end, err := d.array(v, depth, func(v, depth int) (int, *jsonscan.SyntaxError) {
		list = append(list, model.Process{}) // a zero one for null or an ill-typed item
		if d.b[v] != '{' {
			return jsonscan.Skip(d.b, v, depth)
		}
		return d.process(v, depth, &list[len(list)-1])
	})
	if err != nil {
		return end, err
	}
	if len(list) > 0 {
		*dst = list
	}
	return end, nil
}
