"""``python -m newsprism.bench``: the benchmark (see :mod:`newsprism.bench.runner`)."""

from newsprism.bench.runner import main

raise SystemExit(main())
