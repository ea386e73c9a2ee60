"""Articles per second through the Python package and through the binary, on the same corpus:
the five seed articles copied under new ids (so every copy is extracted anew).

    python python/benchmarks/throughput.py --copies 200 --warta target/release/warta

Prints one line per way: `warta extract` to N-Quads (one process, one thread), `to_nquads`
and `extract` on one thread, and `extract` on a thread pool sharing one Extractor.
"""

import argparse
import json
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import warta

ROOT = Path(__file__).resolve().parents[2]


def corpus(copies):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    return [
        {"id": f"{path.stem}-{copy}", "text": path.read_text(encoding="utf-8")}
        for copy in range(copies)
        for path in seeds
    ]


def rate(label, count, seconds):
    print(f"{label:<40} {count / seconds:8.0f} articles/s  ({count} in {seconds:.2f} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200, help="copies of the five seeds")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="threads of the pool")
    parser.add_argument("--warta", help="a warta binary to time on the same articles")
    args = parser.parse_args()
    articles = corpus(args.copies)
    megabytes = sum(len(a["text"].encode()) for a in articles) / 1e6
    print(f"{len(articles)} articles, {megabytes:.1f} MB")

    if args.warta:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as file:
            file.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
            file.flush()
            start = time.perf_counter()
            subprocess.run([args.warta, "extract", file.name], check=True, stdout=subprocess.DEVNULL)
            rate("warta extract (binary, N-Quads)", len(articles), time.perf_counter() - start)

    start = time.perf_counter()
    extractor = warta.Extractor()
    print(f"Extractor() loads the lexicon in {time.perf_counter() - start:.3f} s")

    start = time.perf_counter()
    for a in articles:
        extractor.to_nquads(a["text"], a["id"])
    rate("Extractor.to_nquads, 1 thread", len(articles), time.perf_counter() - start)

    start = time.perf_counter()
    for a in articles:
        extractor.extract(a["text"], a["id"])
    rate("Extractor.extract, 1 thread", len(articles), time.perf_counter() - start)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        list(pool.map(lambda a: extractor.extract(a["text"], a["id"]), articles))
    rate(f"Extractor.extract, {args.threads} threads", len(articles), time.perf_counter() - start)


if __name__ == "__main__":
    main()
