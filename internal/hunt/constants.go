package hunt

import "github.com/csmctl/csmctl/internal/secl"

// AgentConstant is the value of one of the agent's integer constant names
// (AF_INET, O_TRUNC, SIGKILL): the backend writes the names, SECL compares
// their values. The table is the language's, in package secl.
func AgentConstant(name string) (int64, bool) {
	v, t, ok := secl.LookupConstant(name)
	return v.Int, ok && t == secl.TypeInt
}
