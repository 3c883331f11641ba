package lineage

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"time"

	"github.com/csmctl/csmctl/internal/model"
)

// Builder merges events into forests, one per host. Add must be called in
// input order, from one goroutine: later events win conflicts.
type Builder struct {
	// KeepHits keeps a Hit for each attached event in Node.Hits; otherwise
	// only Node.Rules counts them.
	KeepHits bool
	// KeepArgs keeps the argv0 and args of Linux processes in
	// LinuxFacts, for those who list them; otherwise only their command
	// line is kept.
	KeepArgs bool
	// MaxProcesses bounds the processes kept, over all hosts: once reached,
	// no new process is added, and the events that name one are counted in
	// Forest.Dropped. 0 means no bound.
	MaxProcesses int

	hosts     map[string]*hostBuilder
	processes int // kept so far, over all hosts
	seed      maphash.Seed
	// strs and strIndex intern the strings nodes and hits keep: the same
	// user, path or rule id is stored once however many events repeat it.
	strs     []string
	strIndex index
	cmdline  []byte // a sighting's Linux command line, being built
}

// hostBuilder is one host's forest while it is being built.
type hostBuilder struct {
	f *Forest
	// nodes finds a node of f.Nodes by its identity: its key and, when its
	// exec time is unknown, its parent in the chain (nil at the far end).
	// See the package documentation.
	nodes index
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	return &Builder{hosts: map[string]*hostBuilder{}, seed: maphash.MakeSeed()}
}

// Add merges the process chain of ev into the forest of host, as AddEvent
// does.
func (b *Builder) Add(host string, ev *model.Event) *Node {
	e := EventOf(ev)
	return b.AddEvent(host, &e)
}

// AddEvent merges the process chain of ev into the forest of host: every
// process of the chain is sighted, and their edges and facts merged. It
// returns the node of the acting process, nil when the event has none.
// AddEvent does not attach the event to the node: AttachEvent does, for the
// events that count as hits.
func (b *Builder) AddEvent(host string, ev *Event) *Node {
	hb := b.hosts[host]
	if hb == nil {
		hb = &hostBuilder{f: &Forest{Host: b.intern(host)}}
		b.hosts[host] = hb
	}
	if !ev.HasProcess {
		hb.f.NoProcess++
		return nil
	}
	// From the far end of the chain down, so that each sighting's parent
	// node is known before the sighting: it may be part of its identity.
	// A process left out (MaxProcesses) cuts the chain: the one below it
	// is sighted with no parent.
	chain := ev.Chain
	var parent *Node
	cut, dropped := false, false
	for i := len(chain) - 1; i >= 0; i-- {
		parent = b.sight(hb, &chain[i], parent, cut, ev.TruncatedAncestors && i == len(chain)-1)
		cut = parent == nil
		dropped = dropped || cut
	}
	p := &ev.Process
	n := b.sight(hb, p, parent, cut, ev.TruncatedAncestors && len(chain) == 0)
	if dropped || n == nil {
		hb.f.Dropped++
	}
	if n == nil {
		return nil
	}
	// The event's own user and container stand in for the process's.
	if p.User == "" {
		b.merge(hb.f, &n.User, ev.User)
	}
	if p.ContainerID == "" {
		b.merge(hb.f, &n.ContainerID, ev.ContainerID)
	}
	return n
}

// Attach counts ev as a hit of n, as AttachEvent does.
func (b *Builder) Attach(n *Node, file string, line int, ev *model.Event) {
	e := EventOf(ev)
	b.AttachEvent(n, file, line, &e)
}

// AttachEvent counts ev, read from file at line, as a hit of n, the node
// AddEvent returned for it, and keeps it as a Hit if KeepHits is set.
func (b *Builder) AttachEvent(n *Node, file string, line int, ev *Event) {
	rule := b.intern(ev.RuleID)
	counted := false
	for i := range n.Rules {
		if n.Rules[i].RuleID == rule {
			n.Rules[i].Count++
			counted = true
			break
		}
	}
	if !counted {
		n.Rules = append(n.Rules, RuleCount{rule, 1})
	}
	if !b.KeepHits {
		return
	}
	h := Hit{File: file, Line: line, RuleID: rule,
		Evt: b.intern(ev.Evt), Path: b.intern(ev.Path),
		RegistryKey: b.intern(ev.RegistryKey), RegistryValue: b.intern(ev.RegistryValue),
		ExitCode: b.internInt(ev.ExitCode), Detail: ev.Detail}
	if ev.Date.Valid() {
		h.Date = ev.Date
	}
	n.Hits = append(n.Hits, h)
}

// sight merges one sighting of a process, whose parent in the chain is
// parent (nil at the far end, or when cut: the parent was left out), and
// returns its node. It returns nil when the process is left out: it is new
// and the builder holds MaxProcesses already, or, cut, it has no exec time
// and so no identity without its parent.
func (b *Builder) sight(hb *hostBuilder, p *Process, parent *Node, cut, truncated bool) *Node {
	key := p.key()
	var under *Node
	if key.ExecTime.IsZero() {
		if cut {
			return nil
		}
		under = parent
	}
	f := hb.f
	h := b.hashIdentity(key, under)
	// Without an exec time, the executable tells processes apart too: a pid
	// reused under one parent for another program is another process. A
	// sighting that does not say which program matches the first node that
	// fits, as does one that names a program where the node knows none.
	byPath := key.ExecTime.IsZero()
	path := p.Path
	same := func(pos uint32, anyPath bool) bool {
		n := f.Nodes[pos]
		return n.Key.Equal(key) && n.under() == under &&
			(!byPath || n.Path == path || anyPath && (n.Path == "" || path == ""))
	}
	pos, slot := hb.nodes.find(h, func(pos uint32) bool { return same(pos, false) })
	if pos < 0 && byPath {
		if any, _ := hb.nodes.find(h, func(pos uint32) bool { return same(pos, true) }); any >= 0 {
			pos = any
		}
	}
	var n *Node
	if pos >= 0 {
		n = f.Nodes[pos]
	} else {
		if b.processes >= b.maxProcesses() {
			return nil
		}
		b.processes++
		key.PID = b.internInt(key.PID)
		n = &Node{Key: key, seq: int32(len(f.Nodes))}
		f.Nodes = append(f.Nodes, n)
		hb.nodes.insert(slot, h, uint32(n.seq), func(pos uint32) uint64 {
			n := f.Nodes[pos]
			return b.hashIdentity(n.Key, n.under())
		})
	}
	switch {
	case parent == nil:
		if truncated && n.Parent == nil {
			n.Truncated = true
		}
	case n.Parent != parent:
		if n.Parent != nil {
			f.Conflicts.Parent++
		}
		n.Parent = parent
		n.Truncated = false
	}
	b.mergeInt(f, &n.PPID, p.PPID)
	// One instant written two ways is one process: the later text is kept.
	if p.ExecTime.Valid() {
		if text := uncanonicalText(p.ExecTime); text != "" || n.times != nil {
			n.setTimes().execText = text
		}
	}
	if p.ExitTime.Valid() {
		nt := n.setTimes()
		if t := p.ExitTime.Time.UTC(); !t.Equal(nt.exit) {
			if !nt.exit.IsZero() {
				f.Conflicts.Facts++
			}
			nt.exit = t
		}
		nt.exitText = uncanonicalText(p.ExitTime)
	}
	b.merge(f, &n.Path, p.Path)
	b.merge(f, &n.Name, p.Name)
	b.merge(f, &n.ContainerID, p.ContainerID)
	b.merge(f, &n.Cmdline, p.Cmdline)
	if p.User != "" {
		b.merge(f, &n.User, p.User)
	} else {
		b.merge(f, &n.User, p.CredentialsUser) // Linux events may have only this one
	}
	b.sightLinux(f, n, p)
	return n
}

// sightLinux merges the Linux facts of a sighting into n, allocating them
// only for a process a sighting told one of.
func (b *Builder) sightLinux(f *Forest, n *Node, p *Process) {
	b.cmdline = model.AppendShellCommandLine(b.cmdline[:0], p.Argv0, p.Args)
	if len(b.cmdline) == 0 && p.Args == nil && p.Comm == "" && !p.TID.Present() && !p.UID.Present() && p.ForkTime.IsZero() && !p.ArgsTruncated {
		return
	}
	l := n.Linux
	if l == nil {
		l = new(LinuxFacts)
		n.Linux = l
	}
	if len(b.cmdline) > 0 || p.Args != nil {
		changed := string(b.cmdline) != l.CommandLine // no allocation
		if b.KeepArgs && (changed || l.Args == nil) {
			l.Argv0 = b.intern(p.Argv0)
			l.Args = nil // when ill-typed: left out, never an empty list
			if p.Args != nil {
				l.Args = make([]string, len(p.Args))
				for i, a := range p.Args {
					l.Args[i] = b.intern(a)
				}
			}
		}
		if changed {
			b.merge(f, &l.CommandLine, string(b.cmdline))
		}
		l.ArgsTruncated = p.ArgsTruncated
	}
	b.merge(f, &l.Comm, p.Comm)
	// The thread that acted differs from event to event of one process:
	// another tid is no disagreement.
	if p.TID.Present() {
		l.TID = b.internInt(p.TID)
	}
	b.mergeInt(f, &l.UID, p.UID)
	if !p.ForkTime.IsZero() {
		if !l.ForkTime.IsZero() && !sameTime(l.ForkTime, p.ForkTime) {
			f.Conflicts.Facts++
		}
		l.ForkTime = p.ForkTime
	}
}

// sameTime reports whether two present times say the same: one instant
// when both are valid, else one text.
func sameTime(x, y model.Time) bool {
	if x.Valid() && y.Valid() {
		return x.Time.Equal(y.Time)
	}
	return x.Raw() == y.Raw()
}

// setTimes returns n's times, allocated if need be.
func (n *Node) setTimes() *nodeTimes {
	if n.times == nil {
		n.times = new(nodeTimes)
	}
	return n.times
}

// uncanonicalText is a valid time as the event wrote it, or "" when that
// is RFC 3339 in UTC with no trailing fractional zeros, which Node
// rebuilds from the instant: most times cost no text.
func uncanonicalText(t model.Time) string {
	written := t.Written()
	if canonicalShape(written) {
		return ""
	}
	var buf [64]byte
	if string(t.Time.UTC().AppendFormat(buf[:0], time.RFC3339Nano)) == written {
		return ""
	}
	return written
}

// canonicalShape reports whether the text of a valid time is
// YYYY-MM-DDTHH:MM:SS[.F]Z, F one to nine digits not ending in 0, and not a
// leap second: the time parsed from it formats back to it, which
// uncanonicalText then need not check by formatting it (most of tree's
// time on some logs). false says nothing.
func canonicalShape(s string) bool {
	n := len(s)
	if n < 20 || n == 21 || n > 30 || s[n-1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[17:19] == "60" {
		return false
	}
	for i, c := range []byte(s[:19]) {
		if (c < '0' || c > '9') && i != 4 && i != 7 && i != 10 && i != 13 && i != 16 {
			return false
		}
	}
	if n == 20 {
		return true
	}
	if s[19] != '.' || s[n-2] == '0' {
		return false
	}
	for _, c := range []byte(s[20 : n-1]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// mergeInt sets an integer fact to v, as merge does a string one.
func (b *Builder) mergeInt(f *Forest, fact *model.Int, v model.Int) {
	if !v.Present() || v.Equal(*fact) {
		return
	}
	if fact.Present() {
		f.Conflicts.Facts++
	}
	*fact = b.internInt(v)
}

// merge sets a fact to v, a newer sighting's value, unless v is missing,
// and counts a conflict if it changes a known value.
func (b *Builder) merge(f *Forest, fact *string, v string) {
	if v == "" || v == *fact {
		return
	}
	if *fact != "" {
		f.Conflicts.Facts++
	}
	*fact = b.intern(v)
}

// intern returns the one copy of s the builder keeps.
func (b *Builder) intern(s string) string {
	if s == "" {
		return ""
	}
	h := maphash.String(b.seed, s)
	pos, slot := b.strIndex.find(h, func(pos uint32) bool { return b.strs[pos] == s })
	if pos >= 0 {
		return b.strs[pos]
	}
	b.strs = append(b.strs, s)
	b.strIndex.insert(slot, h, uint32(len(b.strs)-1), func(pos uint32) uint64 {
		return maphash.String(b.seed, b.strs[pos])
	})
	return s
}

// internInt returns v, its JSON text interned when it is ill-typed.
func (b *Builder) internInt(v model.Int) model.Int {
	if !v.IllTyped() {
		return v
	}
	return model.IllTypedInt(b.intern(v.Raw()))
}

// maxProcesses is the bound on the processes kept: MaxProcesses, or the
// most a node's int32 position allows.
func (b *Builder) maxProcesses() int {
	if b.MaxProcesses <= 0 || b.MaxProcesses > math.MaxInt32 {
		return math.MaxInt32
	}
	return b.MaxProcesses
}

// hashIdentity hashes a process's identity: its key, and the node it is
// identified under (nil unless its exec time is unknown).
func (b *Builder) hashIdentity(key model.ProcessKey, under *Node) uint64 {
	var buf [25]byte
	pid, ok := key.PID.Int64()
	binary.LittleEndian.PutUint64(buf[0:], uint64(pid))
	binary.LittleEndian.PutUint64(buf[8:], uint64(key.ExecTime.Unix()))
	binary.LittleEndian.PutUint32(buf[16:], uint32(key.ExecTime.Nanosecond()))
	if under != nil {
		binary.LittleEndian.PutUint32(buf[20:], uint32(under.seq)+1)
	}
	// An absent, an integer and an ill-typed pid are three identities:
	// "123" is not 123, and an absent pid is not 0.
	switch {
	case ok:
		buf[24] = 1
	case key.PID.IllTyped():
		buf[24] = 2
		return maphash.Bytes(b.seed, buf[:]) ^ maphash.String(b.seed, key.PID.Raw())
	}
	return maphash.Bytes(b.seed, buf[:])
}

// under is the node n is identified under: its parent when its exec time is
// unknown (such a node's parent never changes), else nil.
func (n *Node) under() *Node {
	if n.Key.ExecTime.IsZero() {
		return n.Parent
	}
	return nil
}

// Forests finishes the forests, one per host, ordered by host name, and
// resets the builder.
func (b *Builder) Forests() []*Forest {
	out := make([]*Forest, 0, len(b.hosts))
	for _, hb := range b.hosts {
		out = append(out, hb.finish())
	}
	slices.SortFunc(out, func(x, y *Forest) int { return cmp.Compare(x.Host, y.Host) })
	*b = Builder{KeepHits: b.KeepHits, KeepArgs: b.KeepArgs, MaxProcesses: b.MaxProcesses, hosts: map[string]*hostBuilder{}, seed: b.seed, cmdline: b.cmdline[:0]}
	return out
}

// finish links children to parents, orders them, and picks the roots.
func (hb *hostBuilder) finish() *Forest {
	f := hb.f
	hb.nodes = index{}
	// All the Children slices share one array, each capped at its length:
	// one allocation, no slack, however many parents.
	counts := make([]int32, len(f.Nodes))
	for _, n := range f.Nodes {
		if n.Parent != nil {
			counts[n.Parent.seq]++
		}
	}
	children := make([]*Node, 0, len(f.Nodes)) // one slot per non-root
	for _, n := range f.Nodes {
		if c := int(counts[n.seq]); c > 0 {
			n.Children = children[len(children) : len(children) : len(children)+c]
			children = children[:len(children)+c]
		}
	}
	for _, n := range f.Nodes {
		if n.Parent != nil {
			n.Parent.Children = append(n.Parent.Children, n)
		} else {
			f.Roots = append(f.Roots, n)
		}
	}
	for _, n := range f.Nodes {
		slices.SortFunc(n.Children, compareNodes)
	}
	slices.SortFunc(f.Roots, compareNodes)

	// Nodes no root leads to hang in or under a cycle of parents: show each
	// such cycle from its first-seen process.
	reached := make([]bool, len(f.Nodes))
	var stack []*Node
	reach := func(root *Node) {
		reached[root.seq] = true
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, c := range n.Children {
				if !reached[c.seq] {
					reached[c.seq] = true
					stack = append(stack, c)
				}
			}
		}
	}
	for _, r := range f.Roots {
		reach(r)
	}
	onPath := make([]int32, len(f.Nodes)) // which search last met the node, +1
	for _, n := range f.Nodes {
		if reached[n.seq] {
			continue
		}
		// Climb until a node repeats: it is on the cycle.
		m := n
		for onPath[m.seq] != n.seq+1 {
			onPath[m.seq] = n.seq + 1
			m = m.Parent
		}
		first := m
		for c := m.Parent; c != m; c = c.Parent {
			if c.seq < first.seq {
				first = c
			}
		}
		f.Roots = append(f.Roots, first)
		reach(first)
	}
	return f
}

// compareNodes orders processes by exec time, then pid, then first sighting.
func compareNodes(x, y *Node) int {
	if c := x.Key.ExecTime.Compare(y.Key.ExecTime); c != 0 {
		return c
	}
	if c := x.Key.PID.Compare(y.Key.PID); c != 0 {
		return c
	}
	return cmp.Compare(x.seq, y.seq)
}
