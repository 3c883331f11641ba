// Package record is the flat view of an event: one row of typed columns,
// the same for every command that lists or counts events (stats, timeline,
// export), so that a column means one thing everywhere. Nothing else
// extracts these fields from a model.Event.
//
// A row never invents a value: an integer keeps model.Int's three states
// (absent, integer, ill-typed as written), the date keeps whether it was
// absent or ill-typed, and a string field is "" when the event has no such
// string (absent, or not a string: model.Decode keeps such values among
// the event's other fields).
package record

import (
	"time"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/model"
)

// DateState says what an event's date was.
type DateState uint8

const (
	DateAbsent   DateState = iota // no date key
	DateValid                     // an RFC 3339 date-time string
	DateIllTyped                  // present, but not an RFC 3339 date-time string
)

// Row is one event, flat.
type Row struct {
	// Instant is the date's instant in UTC when DateState is DateValid,
	// else the zero time.
	Instant   time.Time
	DateState DateState
	// DateText is the date as the event wrote it: a valid date's string
	// (its offset and digits kept), an ill-typed one's JSON text, "" when
	// absent.
	DateText string

	Host        string // the Datadog envelope's host; "" for a plain event
	OS          string // agent.os
	RuleID      string // agent.rule_id
	RuleVersion string // agent.rule_version
	Title       string
	Event       string // evt.name
	Category    string // evt.category
	Outcome     string // evt.outcome

	PID, PPID      model.Int // process.pid, process.ppid
	ExecutablePath string    // process.executable.path
	// Cmdline is the acting process's command line: Windows's
	// process.cmdline, or Linux's argv0 and args quoted as a shell reads
	// them (model.ShellCommandLine).
	Cmdline string
	// User is who acted: process.user, else the event's usr.name
	// (Windows), else process.credentials.user (Linux).
	User        string
	ContainerID string // container.id, else process.container.id

	FilePath            string // file.path
	FileDestinationPath string // file.destination.path (rename, link)
	RegistryKeyPath     string // registry.key_path
	DNSQuestionName     string // dns.question.name
	// NetworkDestinationIP and NetworkDestinationPort are where the event's
	// traffic went: connect.addr, else packet.destination, else
	// network.destination.
	NetworkDestinationIP   string
	NetworkDestinationPort model.Int
	ExitCode               model.Int // exit.code

	// Detail is the one thing a reader wants of the event's family; see
	// Detail.
	Detail string
	// Ancestors are the acting process's ancestors, its parent first.
	Ancestors []Ancestor

	SourceFile string // where the event was read
	SourceLine int
}

// Ancestor is one process of the chain above the acting one.
type Ancestor struct {
	PID            model.Int
	ExecutablePath string
	Cmdline        string // as Row.Cmdline
}

// Of returns the row of ev, read at pos, that came in an envelope of host
// ("" for none). The row shares ev's strings.
func Of(ev *model.Event, host string, pos input.Position) Row {
	r := Row{Host: host, SourceFile: pos.File, SourceLine: pos.Line}
	r.DateState, r.Instant, r.DateText = Date(ev.Date)
	if a := ev.Agent; a != nil {
		r.OS, r.RuleID, r.RuleVersion = a.OS, a.RuleID, a.RuleVersion
	}
	r.Title = ev.Title
	if e := ev.Evt; e != nil {
		r.Event, r.Category, r.Outcome = e.Name, e.Category, e.Outcome
	}
	if pc := ev.Process; pc != nil {
		p := &pc.Process
		r.PID, r.PPID = p.PID, p.PPID
		r.ExecutablePath = executablePath(p)
		r.Cmdline = Cmdline(p)
		chain := pc.Chain()
		if len(chain) > 0 {
			r.Ancestors = make([]Ancestor, len(chain))
			for i := range chain {
				a := &chain[i]
				r.Ancestors[i] = Ancestor{PID: a.PID, ExecutablePath: executablePath(a), Cmdline: Cmdline(a)}
			}
		}
	}
	r.User = User(ev)
	r.ContainerID = ContainerID(ev)
	if f := ev.File; f != nil {
		r.FilePath = f.Path
		if d := f.Destination; d != nil {
			r.FileDestinationPath = d.Path
		}
	}
	if g := ev.Registry; g != nil {
		r.RegistryKeyPath = g.KeyPath
	}
	if d := ev.DNS; d != nil && d.Question != nil {
		r.DNSQuestionName = d.Question.Name
	}
	r.NetworkDestinationIP, r.NetworkDestinationPort = destination(ev)
	if x := ev.Exit; x != nil {
		r.ExitCode = x.Code
	}
	r.Detail = Detail(ev)
	return r
}

// Date splits a date into its state, its instant in UTC (zero unless
// valid) and its text as written.
func Date(d model.Time) (DateState, time.Time, string) {
	switch {
	case d.IsZero():
		return DateAbsent, time.Time{}, ""
	case !d.Valid():
		return DateIllTyped, time.Time{}, d.Raw()
	}
	return DateValid, d.Time.UTC(), d.Written()
}

// Cmdline is a process's command line: Windows's cmdline, else Linux's
// argv0 and args quoted as a shell reads them.
func Cmdline(p *model.Process) string {
	if p.Cmdline != "" {
		return p.Cmdline
	}
	return model.ShellCommandLine(p.Argv0, p.Args)
}

// User is who acted in ev: the acting process's user, else the event's
// usr.name (Windows), else the process's credentials.user (Linux).
func User(ev *model.Event) string {
	var p *model.Process
	if ev.Process != nil {
		p = &ev.Process.Process
	}
	switch {
	case p != nil && p.User != "":
		return p.User
	case ev.Usr != nil && ev.Usr.Name != "":
		return ev.Usr.Name
	case p != nil && p.Credentials != nil:
		return p.Credentials.User
	}
	return ""
}

// ContainerID is the event's container.id, else its process's.
func ContainerID(ev *model.Event) string {
	if c := ev.Container; c != nil && c.ID != "" {
		return c.ID
	}
	if pc := ev.Process; pc != nil && pc.Container != nil {
		return pc.Container.ID
	}
	return ""
}

// ExecutablePath is the acting process's executable path.
func ExecutablePath(ev *model.Event) string {
	if ev.Process == nil {
		return ""
	}
	return executablePath(&ev.Process.Process)
}

func executablePath(p *model.Process) string {
	if p.Executable == nil {
		return ""
	}
	return p.Executable.Path
}

// destination is where the event's traffic went.
func destination(ev *model.Event) (string, model.Int) {
	switch {
	case ev.Connect != nil && ev.Connect.Addr != nil:
		return ev.Connect.Addr.IP, ev.Connect.Addr.Port
	case ev.Packet != nil && ev.Packet.Destination != nil:
		return ev.Packet.Destination.IP, ev.Packet.Destination.Port
	case ev.Network != nil && ev.Network.Destination != nil:
		return ev.Network.Destination.IP, ev.Network.Destination.Port
	}
	return "", model.Int{}
}
