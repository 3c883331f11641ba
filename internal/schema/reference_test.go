package schema

// Reference returns the reference validator for a schema document, with
// format assertions on: the oracle the tests hold the compiled one to.
func Reference(doc []byte) (Validator, error) { return newReference(doc) }
