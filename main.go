// Command csmctl inspects Datadog CSM Threats (Workload Protection) events:
// it validates them against the backend event schema, shows them as tables,
// draws process lineage and runs jq filters over them.
package main

import (
	"os"

	"github.com/csmctl/csmctl/cmd"
	"github.com/csmctl/csmctl/internal/iostreams"
)

func main() {
	os.Exit(cmd.Main(iostreams.System(), os.Args[1:]))
}
