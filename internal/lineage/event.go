package lineage

import "github.com/csmctl/csmctl/internal/model"

// Event is what the builder reads of one event: its process chain and what
// a Hit shows. It holds a small part of a model.Event, so that the events
// decoded ahead of the builder cost little memory and little garbage
// collection: a model.Process has every field of both schemas.
type Event struct {
	// Process is the acting process; HasProcess is false when the event
	// has none.
	Process    Process
	HasProcess bool
	// Chain is the acting process's ancestors, its parent first, as
	// model.ProcessContext.Chain gives them.
	Chain              []Process
	TruncatedAncestors bool
	// User and ContainerID are the event's own usr.name and container.id,
	// which stand in for the acting process's.
	User        string
	ContainerID string

	RuleID        string
	Date          model.Time
	Evt           string
	Path          string
	RegistryKey   string
	RegistryValue string
	ExitCode      model.Int
	// Detail is what a Hit shows of the event's family (record.Detail),
	// set by the caller when its printer lists it; FillFrom leaves it "".
	Detail string
}

// Process is what the builder reads of one process of a chain.
type Process struct {
	PID, PPID, TID               model.Int
	ExecTime, ExitTime, ForkTime model.Time
	Path, Name                   string // of the executable
	ContainerID                  string
	Cmdline, User                string
	Comm, Argv0                  string
	Args                         []string
	ArgsTruncated                bool
	// UID and CredentialsUser are the Linux credentials' uid and user.
	UID             model.Int
	CredentialsUser string
}

// EventOf returns what the builder reads of ev. The strings and slices it
// holds are ev's, which no one changes.
func EventOf(ev *model.Event) Event {
	var e Event
	e.FillFrom(ev)
	return e
}

// FillFrom sets e to what the builder reads of ev, reusing e.Chain's array.
func (e *Event) FillFrom(ev *model.Event) {
	chain := e.Chain[:0]
	*e = Event{}
	if pc := ev.Process; pc != nil {
		e.HasProcess = true
		e.Process = processOf(&pc.Process)
		ancestors := pc.Chain()
		if cap(chain) < len(ancestors) {
			chain = make([]Process, 0, len(ancestors))
		}
		for i := range ancestors {
			chain = append(chain, processOf(&ancestors[i]))
		}
		if len(chain) > 0 {
			e.Chain = chain
		}
		e.TruncatedAncestors = pc.TruncatedAncestors.True()
	}
	e.User = fieldOf(ev.Usr, func(u *model.UserContext) string { return u.Name })
	e.ContainerID = fieldOf(ev.Container, func(c *model.ContainerContext) string { return c.ID })
	e.RuleID = fieldOf(ev.Agent, func(a *model.AgentContext) string { return a.RuleID })
	e.Date = ev.Date
	e.Evt = fieldOf(ev.Evt, func(c *model.EventContext) string { return c.Name })
	e.Path = fieldOf(ev.File, func(f *model.FileEvent) string { return f.Path })
	e.RegistryKey = fieldOf(ev.Registry, func(r *model.RegistryEvent) string { return r.KeyPath })
	e.RegistryValue = fieldOf(ev.Registry, func(r *model.RegistryEvent) string { return r.ValueName })
	e.ExitCode = fieldOf(ev.Exit, func(x *model.ExitEvent) model.Int { return x.Code })
}

// fieldOf is field(x), or the zero V when the object x is absent.
func fieldOf[T, V any](x *T, field func(*T) V) V {
	if x == nil {
		var zero V
		return zero
	}
	return field(x)
}

// processOf returns what the builder reads of p.
func processOf(p *model.Process) Process {
	q := Process{
		PID: p.PID, PPID: p.PPID, TID: p.TID,
		ExecTime: p.ExecTime, ExitTime: p.ExitTime, ForkTime: p.ForkTime,
		Cmdline: p.Cmdline, User: p.User,
		Comm: p.Comm, Argv0: p.Argv0, Args: p.Args,
		ArgsTruncated: p.ArgsTruncated.True(),
	}
	q.Path = fieldOf(p.Executable, func(f *model.File) string { return f.Path })
	q.Name = fieldOf(p.Executable, func(f *model.File) string { return f.Name })
	q.ContainerID = fieldOf(p.Container, func(c *model.ContainerContext) string { return c.ID })
	q.UID = fieldOf(p.Credentials, func(c *model.ProcessCredentials) model.Int { return c.UID })
	q.CredentialsUser = fieldOf(p.Credentials, func(c *model.ProcessCredentials) string { return c.User })
	return q
}

// key is the process's identity, as model.Process.Key.
func (p *Process) key() model.ProcessKey {
	return model.KeyOf(p.PID, p.ExecTime)
}
