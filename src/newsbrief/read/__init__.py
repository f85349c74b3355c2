"""Read: bytes of files (txt, html, json, jsonl, gz) to clean Articles, or Skips with a reason.

decoding (bytes to text) -> jsonstream / html (structured inputs) -> cleaning + metadata
(scraped plain text) -> readers (files and folders to Articles).
"""
