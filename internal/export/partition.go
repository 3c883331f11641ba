package export

import (
	"path"
	"strings"
	"time"
)

// Partitioning is how rows are split into directories by their date (UTC),
// in the hive layout (key=value directories) that Spark, Trino, Athena and
// DuckDB read as columns.
type Partitioning struct {
	Name   string
	unit   int64  // microseconds a directory spans; 0: one directory
	layout string // time.Format's layout of a directory
}

// NullPartition is the value of a partition key for rows with no valid
// date: Hive's and Spark's name for NULL, which they read back as NULL.
const NullPartition = "__HIVE_DEFAULT_PARTITION__"

// The partitionings export knows.
var (
	NoPartition = Partitioning{Name: "none"}
	ByDay       = Partitioning{Name: "day", unit: 24 * 3600e6, layout: "dt=20060102"}
	ByHour      = Partitioning{Name: "hour", unit: 3600e6, layout: "dt=20060102/hour=15"}
)

// bucket is the span of time usec (microseconds since the epoch) falls in:
// rows of one bucket go to one directory.
func (p Partitioning) bucket(usec int64) int64 {
	if p.unit == 0 {
		return 0
	}
	b := usec / p.unit
	if usec < 0 && usec%p.unit != 0 {
		b-- // floor, for dates before 1970
	}
	return b
}

// dir is the directory, relative to the output directory, of the rows of
// bucket b.
func (p Partitioning) dir(b int64) string {
	if p.unit == 0 {
		return ""
	}
	return time.UnixMicro(b * p.unit).UTC().Format(p.layout)
}

// nullDir is the directory of the rows with no valid date: each key is
// NullPartition.
func (p Partitioning) nullDir() string {
	var keys []string
	for k := range strings.SplitSeq(p.layout, "/") {
		name, _, _ := strings.Cut(k, "=")
		keys = append(keys, name+"="+NullPartition)
	}
	if p.unit == 0 {
		return ""
	}
	return path.Join(keys...)
}
