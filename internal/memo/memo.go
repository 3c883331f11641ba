// Package memo holds values built on first use. A package-level Value is
// static data: declaring one runs no code when csmctl starts, where
// sync.OnceValue is a call that allocates its closure at init. Every
// csmctl run pays its packages' init work, and most runs use few of their
// tables.
package memo

import "sync"

// Value is the value New returns, built by the first Get. New must not
// call Get on the same Value.
type Value[T any] struct {
	New  func() T
	once sync.Once
	v    T
}

// Get returns the value, building it on the first call; concurrent first
// calls wait for the one that builds it.
func (m *Value[T]) Get() T {
	m.once.Do(func() { m.v = m.New() })
	return m.v
}
