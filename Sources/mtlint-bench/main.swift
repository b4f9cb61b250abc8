print("mtlint-bench: see Benchmarks in README")
