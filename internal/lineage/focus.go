package lineage

// FocusHits keeps in view only the processes with hits, their ancestors and
// their descendants, among those shown so far; the rest are hidden from
// Roots and Children.
func (f *Forest) FocusHits() { f.focus(true) }

// HitsOnly keeps in view only the processes with hits and their ancestors,
// among those shown so far.
func (f *Forest) HitsOnly() { f.focus(false) }

// focus keeps in view the processes with hits and their ancestors, and
// their descendants too if descendants is set.
func (f *Forest) focus(descendants bool) {
	// below[d]: the node at depth d on the current path has hits or is
	// under one that has, when descendants are kept; holds[d]: its subtree
	// has hits.
	var below, holds []bool
	keep := map[*Node]bool{}
	f.Walk(func(s Step) {
		if s.BackRef {
			return
		}
		d := s.Depth
		if !s.Leave {
			hit := s.Node.HasHits()
			below = append(below[:d], descendants && (hit || d > 0 && below[d-1]))
			holds = append(holds[:d], hit)
			return
		}
		if below[d] || holds[d] {
			keep[s.Node] = true
		}
		if d > 0 && holds[d] {
			holds[d-1] = true
		}
	})
	f.prune(keep)
}

// prune hides the nodes not in keep. keep must hold the ancestors (as
// shown) of every node it holds, so that what stays is still a forest.
func (f *Forest) prune(keep map[*Node]bool) {
	f.Roots = kept(f.Roots, keep)
	for _, n := range f.Nodes {
		n.Children = kept(n.Children, keep)
	}
}

// kept filters nodes in place.
func kept(nodes []*Node, keep map[*Node]bool) []*Node {
	out := nodes[:0]
	for _, n := range nodes {
		if keep[n] {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
