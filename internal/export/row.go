package export

// Row is one exported event: the flat columns, in the order every format
// writes them. Its parquet tags are the Parquet schema. An optional column
// is NULL when the event lacks the value or has it with the wrong type (a
// pid that is a string), never a made-up zero: for an integer, a nil
// pointer; for a string, "" (package record has "" for a string the event
// lacks). event_json keeps the event as written, so nothing is lost.
type Row struct {
	Date                   *int64     `parquet:"date,optional,timestamp(microsecond:utc)"`
	DateText               string     `parquet:"date_text,optional"`
	Host                   string     `parquet:"host,optional,dict"`
	OS                     string     `parquet:"os,optional,dict"`
	RuleID                 string     `parquet:"rule_id,optional,dict"`
	RuleVersion            string     `parquet:"rule_version,optional,dict"`
	Title                  string     `parquet:"title,optional,dict"`
	Event                  string     `parquet:"event,optional,dict"`
	Category               string     `parquet:"category,optional,dict"`
	Outcome                string     `parquet:"outcome,optional,dict"`
	PID                    *int64     `parquet:"pid,optional"`
	PPID                   *int64     `parquet:"ppid,optional"`
	ExecutablePath         string     `parquet:"executable_path,optional"`
	Cmdline                string     `parquet:"cmdline,optional"`
	User                   string     `parquet:"user,optional,dict"`
	ContainerID            string     `parquet:"container_id,optional"`
	FilePath               string     `parquet:"file_path,optional"`
	FileDestinationPath    string     `parquet:"file_destination_path,optional"`
	RegistryKeyPath        string     `parquet:"registry_key_path,optional"`
	DNSQuestionName        string     `parquet:"dns_question_name,optional"`
	NetworkDestinationIP   string     `parquet:"network_destination_ip,optional"`
	NetworkDestinationPort *int64     `parquet:"network_destination_port,optional"`
	ExitCode               *int64     `parquet:"exit_code,optional"`
	Ancestors              []Ancestor `parquet:"ancestors,list"`
	SourceFile             string     `parquet:"source_file,dict"`
	SourceLine             int64      `parquet:"source_line"`
	EventJSON              string     `parquet:"event_json"`
}

// Ancestor is one process of an event's ancestor chain, nearest first.
type Ancestor struct {
	PID            *int64 `parquet:"pid,optional"`
	ExecutablePath string `parquet:"executable_path,optional"`
	Cmdline        string `parquet:"cmdline,optional"`
}
