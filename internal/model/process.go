package model

// AsProcess returns the context's own process, without its lineage.
func (pc *ProcessContext) AsProcess() Process { return pc.Process }

// Chain returns the context's ancestors, nearest first: the ancestors list
// when the event has one (it starts with the parent), else the parent alone,
// else nil. The returned slice shares the context's storage.
func (pc *ProcessContext) Chain() []Process {
	switch {
	case len(pc.Ancestors) > 0:
		return pc.Ancestors
	case pc.Parent != nil:
		return []Process{*pc.Parent}
	}
	return nil
}
