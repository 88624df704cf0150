"""oncoguide's service layer: FastAPI app, storage, jobs, auth, web pages and the CLI."""
