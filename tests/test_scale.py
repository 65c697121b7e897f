"""Issue 6: parallel, isolated, incremental and clustered runs; hostile input."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import parsers
from pipeline.executors import Limits, LocalExecutor
from pipeline.run import run
from schemas.records import DATASETS

RAW = Path(__file__).parents[1] / "data" / "raw"


def datasets(out: Path) -> dict:
    return {name: pq.read_table(out / f"{name}.parquet") for name in DATASETS}


def same_datasets(a: Path, b: Path) -> None:
    da, db = datasets(a), datasets(b)
    for name in DATASETS:
        assert da[name].equals(db[name]), name


@pytest.fixture
def folder(tmp_path):
    inp = tmp_path / "in"
    shutil.copytree(RAW, inp)
    return inp


def hostile_reader(data: bytes, source_file: str, doc_id: str):
    """A reader that misbehaves on cue: hangs, eats memory, or kills its process."""
    if b"HANG" in data:
        time.sleep(60)
    if b"HOG" in data:
        hog = bytearray(8 * 1024 ** 3)  # beyond the worker's limit
        return hog
    if b"CRASH" in data:
        os._exit(11)
    return real_txt(data, source_file, doc_id)


real_txt = parsers.READERS[".txt"]


def test_a_bad_worker_costs_only_its_file(folder, tmp_path, monkeypatch):
    monkeypatch.setitem(parsers.READERS, ".txt", hostile_reader)  # workers are forked: they see it
    (folder / "hang.txt").write_text("HANG")
    (folder / "hog.txt").write_text("HOG")
    (folder / "crash.txt").write_text("CRASH")
    out = tmp_path / "out"
    summary = run(folder, out, executor=LocalExecutor(2, Limits(timeout=5, max_memory_mb=2048)))
    errors = dict(summary.failed)
    assert errors["hang.txt"].startswith("timeout")
    assert "memory" in errors["hog.txt"]
    assert errors["crash.txt"].startswith("crash")
    assert set(errors) == {"hang.txt", "hog.txt", "crash.txt"}
    docs = pq.read_table(out / "documents.parquet").to_pandas().set_index("source_file")
    assert docs.loc["gxj2024.pdf", "status"] == "ok" and docs.loc["sjj2024.txt", "status"] == "ok"
    assert docs.loc["hang.txt", "doc_id"]  # failed files keep their content hash


def test_parallel_run_equals_a_serial_one(folder, tmp_path):
    run(folder, tmp_path / "one", executor=LocalExecutor(1), use_cache=False)
    run(folder, tmp_path / "two", executor=LocalExecutor(2), use_cache=False)
    same_datasets(tmp_path / "one", tmp_path / "two")


def test_incremental_rerun_equals_a_fresh_run(folder, tmp_path):
    out = tmp_path / "out"
    first = run(folder, out, executor=LocalExecutor(2))
    assert first.reused == 0
    stamp = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    again = run(folder, out, executor=LocalExecutor(2))
    assert again.reused == 3 and again.pages == first.pages and again.rows == first.rows
    # nothing changed: the outputs were left as they were
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamp
    # a new file, a changed file, a removed file, and a renamed one
    shutil.copy(Path(__file__).parent / "fixtures" / "gxj2024.txt", folder / "new.txt")
    text = (folder / "sjj2024.txt").read_text(encoding="utf-8").replace("自评得分 97.5分", "自评得分 96.5分")
    (folder / "sjj2024.txt").write_text(text, encoding="utf-8")
    (folder / "gxj_goal2026.pdf").unlink()
    (folder / "gxj2024.pdf").rename(folder / "工信局 2024 (copy).pdf")
    updated = run(folder, out, executor=LocalExecutor(2))
    assert updated.reused == 1  # the renamed PDF
    fresh = tmp_path / "fresh"
    run(folder, fresh, executor=LocalExecutor(2), use_cache=False)
    same_datasets(out, fresh)
    docs = pq.read_table(out / "documents.parquet").to_pandas()
    assert sorted(docs.source_file) == ["new.txt", "sjj2024.txt", "工信局 2024 (copy).pdf"]
    assert len([p for p in (out / ".jixiao-cache").rglob("*.json") if p.name != "manifest.json"]) == 3


@pytest.mark.slow
def test_dask_local_cluster_equals_local_run(folder, tmp_path):
    from distributed import Client, LocalCluster

    from pipeline.executors import DaskExecutor
    run(folder, tmp_path / "local", executor=LocalExecutor(2), use_cache=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        run(folder, tmp_path / "dask", executor=DaskExecutor(client), use_cache=False)
    same_datasets(tmp_path / "local", tmp_path / "dask")


@pytest.mark.slow
def test_every_torture_file_goes_through_a_run(samples, tmp_path):
    inp = tmp_path / "torture"
    shutil.copytree(samples / "torture", inp)
    summary = run(inp, tmp_path / "out", executor=LocalExecutor(2, Limits(timeout=120)))
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pandas()
    assert len(docs) == len(list(inp.glob("*.pdf"))) == summary.files
    for _, d in docs.iterrows():
        assert d.status == "ok" or d.error, d.source_file
    errors = docs.set_index("source_file").error
    assert "password" in errors["enc_rc4-40_userpw.pdf"]
    assert errors["zero-bytes.pdf"].startswith("empty file")


@pytest.mark.slow
def test_a_pdf_with_thousands_of_pages(tmp_path):
    import pypdfium2
    pdf = pypdfium2.PdfDocument.new()
    for _ in range(3000):
        pdf.new_page(595, 842)
    inp = tmp_path / "in"
    inp.mkdir()
    pdf.save(inp / "long.pdf")
    summary = run(inp, tmp_path / "out", executor=LocalExecutor(1))
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert docs[0]["source_file"] == "long.pdf" and summary.files == 1
    assert docs[0]["status"] == "ok" or "no text" in docs[0]["error"]
