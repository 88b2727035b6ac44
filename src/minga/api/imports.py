"""/api/v1/imports: upload a file; the same import path as the CLI and the admin (admins only)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile

from minga.api.auth import token_auth
from minga.registry.domain.imports import import_file

router = Router(tags=["imports"])


@router.post("", auth=token_auth, summary="Import a file (all-or-nothing unless skip_invalid)")
def upload(
    request: HttpRequest,
    file: File[UploadedFile],
    format: Form[str],
    skip_invalid: Form[bool] = False,
    dry_run: Form[bool] = False,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / Path(file.name or "upload").name
        with target.open("wb") as fh:
            for chunk in file.chunks():
                fh.write(chunk)
        report = import_file(
            target, format=format, by=request.user, via="api", skip_invalid=skip_invalid, dry_run=dry_run,
            rejects_path=Path(folder) / "rejects.csv",
        )  # fmt: skip
    out = report.as_dict()
    out["rejects_path"] = None  # the rejected rows are in "rejected"
    return out
