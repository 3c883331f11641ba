package model

import "time"

// ProcessKey identifies a process across events. A PID alone is not enough
// because Windows reuses PIDs; PID and exec time together are. Compare keys
// with Equal (its Int is not comparable with ==).
type ProcessKey struct {
	// PID is the process ID; an ill-typed one identifies by its JSON text,
	// so "123" and 123 are two processes, and so are "123" and an absent pid.
	PID Int
	// ExecTime is the exec time in UTC, so that one instant written with two
	// offsets gives one key. It is the zero time when the event had no
	// valid exec_time: such processes are told apart by PID only.
	ExecTime time.Time
}

// Key returns the process's identity for lineage. It has a value receiver
// so that it also works on AsProcess()'s result.
func (p Process) Key() ProcessKey { return KeyOf(p.PID, p.ExecTime) }

// KeyOf returns the identity of the process with pid and execTime, for a
// type that holds them as Process does.
func KeyOf(pid Int, execTime Time) ProcessKey {
	// UTC also drops any monotonic clock reading, which would break ==.
	return ProcessKey{PID: pid, ExecTime: execTime.Time.UTC()}
}

// Equal reports whether k and o identify the same process.
func (k ProcessKey) Equal(o ProcessKey) bool {
	return k.ExecTime == o.ExecTime && k.PID.Equal(o.PID)
}

// String formats the key as "PID@EXEC_TIME" (RFC 3339, UTC), or "PID" alone
// when the exec time is unknown. An ill-typed PID is its JSON text.
func (k ProcessKey) String() string {
	b := append(make([]byte, 0, 40), k.PID.String()...)
	if !k.ExecTime.IsZero() {
		b = append(b, '@')
		b = k.ExecTime.AppendFormat(b, time.RFC3339Nano)
	}
	return string(b)
}
