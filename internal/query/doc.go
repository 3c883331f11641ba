// Package query runs jq filters over CSM events: the engine behind
// `csmctl query`. It compiles a filter with gojq (Compile), runs it over the
// events the input layer reads (Program.Run), and prints the results byte
// for byte as the gojq command does (Encoder).
//
// Three things make it fast without changing a byte of the output, each
// checked against gojq by the tests:
//   - events are decoded and run on all cores, in batches, and printed in
//     input order; filters that read input themselves (input, inputs) and
//     -n and -s run one event at a time, as they must;
//   - Decoder builds the values gojq works on straight from a copy of the
//     line, and `.` is printed from the event's text without decoding it
//     (Encoder.AppendOutputText);
//   - a filter that starts with select(.a.b == "literal") skips, undecoded,
//     the events whose bytes prove they cannot match (literalTest).
//
// CSM events get csmctl's jq library (package jqlib): a few helpers, and
// input_line and input_host, which say where the current event came from.
package query
