"""mutasi reports: letters and reports rendered from recorded decisions (never re-computed).

    from mutasi.report_source import AuditStoreSource
    from reports.build import contexts, write_documents
    docs = contexts("letters", AuditStoreSource(url), None, "id", from_engine(), ReportConfig())
    write_documents(docs, "pdf", Path("out"))

See docs/reports.md for each document's content and template context.
"""
