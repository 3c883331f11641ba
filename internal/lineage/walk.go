package lineage

// Step is one move of Walk.
type Step struct {
	Node *Node
	// Parent is the node Node is shown under; nil for a root.
	Parent *Node
	// Depth is 0 for a root, 1 for its children, and so on.
	Depth int
	// Last is set for the last of its siblings, or of the roots.
	Last bool
	// Leave is set on the step after Node's subtree; the step before it,
	// with Leave unset, entered Node.
	Leave bool
	// BackRef is set when Node was entered higher up the same path: a cycle
	// of parents leads back to it. It is a single step (no Leave follows)
	// and the walk does not descend again.
	BackRef bool
}

// Walk calls fn for each process shown, depth first from the roots in order:
// on entering it, then for its children, then on leaving it. It enters no
// node twice, and is iterative, so that neither cycles nor a chain a million
// processes deep can stop it.
func (f *Forest) Walk(fn func(Step)) {
	f.walkGen++
	gen := f.walkGen
	type frame struct {
		step Step
		next int // index of the next child to visit
	}
	var stack []frame
	enter := func(s Step) {
		s.Node.seen = gen
		fn(s)
		stack = append(stack, frame{step: s})
	}
	for i, root := range f.Roots {
		if root.seen == gen {
			continue
		}
		enter(Step{Node: root, Last: i == len(f.Roots)-1})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			n := top.step.Node
			if top.next < len(n.Children) {
				c := n.Children[top.next]
				top.next++
				s := Step{Node: c, Parent: n, Depth: top.step.Depth + 1, Last: top.next == len(n.Children)}
				if c.seen == gen {
					s.BackRef = true
					fn(s)
					continue
				}
				enter(s)
				continue
			}
			s := top.step
			s.Leave = true
			stack = stack[:len(stack)-1]
			fn(s)
		}
	}
}
