"""The pages, one module per area: sign-in, patient pages, documents and evidence, navigator review."""
