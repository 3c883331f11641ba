// Package validation is a validate run: it checks every event of a
// pipeline against a schema, prints the verdicts with one of its printers,
// counts them by the schema that judged them and sums them up.
package validation
