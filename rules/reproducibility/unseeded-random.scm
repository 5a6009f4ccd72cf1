;; id: NB205
;; name: unseeded-random
;; severity: warning
;; applies-to: both
;; message: Random numbers without a seed: results change from run to run
;; kind: native
;;
;; ## What it does
;; Checks for random draws that no seed makes repeatable. Callees are resolved through the
;; file's imports (`import numpy as np`, `from random import shuffle`, `from numpy import
;; random`), so a local `rng.shuffle(...)` or a user function named `rand` is never reported.
;;
;; - `random.<f>(...)` for the global generator's functions (`random`, `randint`, `choice`,
;;   `choices`, `shuffle`, `sample`, `uniform`, `gauss`, …) when the file never calls
;;   `random.seed(x)`; `random.Random()` without a seed, always.
;; - numpy's legacy global functions `np.random.<f>(...)` (`rand`, `randn`, `randint`, `choice`,
;;   `shuffle`, `permutation`, `normal`, `uniform`, …) when the file never calls
;;   `np.random.seed(x)`; `np.random.default_rng()` and `np.random.RandomState()` without a
;;   seed (or with `None`), always: they ignore the global seed.
;; - torch's `torch.rand`, `randn`, `randint`, `randperm`, `*_like`, `normal`, `bernoulli`,
;;   `multinomial`, `poisson` and `torch.utils.data.random_split` without `generator=` when the
;;   file never calls `torch.manual_seed(x)`.
;;
;; In a `.py` module, draws inside a function (or lambda) are not reported: the application
;; that calls the library seeds the global generators. Top-level code, such as a script's
;; (`if __name__ == "__main__":` included), is checked; in notebooks every cell is.
;;
;; A seed anywhere in the file or notebook counts (a seed cell placed after the draw is not
;; detected). These count as seeding all three libraries: `lightning.seed_everything`,
;; `transformers.set_seed`, `accelerate.utils.set_seed`, `keras.utils.set_random_seed`, and any
;; call with an argument of a function whose name contains `seed` that is not a library's own
;; (`set_seed(42)`, `utils.seed_everything(0)`, `fix_seeds(cfg.seed)`), since projects wrap the
;; seeds in one helper. `random.seed()` and `np.random.seed()` without an argument seed from
;; the clock and do not count.
;;
;; ## Why is this bad?
;; Unseeded draws give different splits, initial weights and samples on every run, so a result
;; cannot be reproduced, a regression cannot be told from noise, and two people running the same
;; notebook see different numbers.
;;
;; ## Example
;; ```python
;; import numpy as np
;;
;; noise = np.random.randn(100)
;; rng = np.random.default_rng()
;; ```
;;
;; ## Use instead
;; ```python
;; import numpy as np
;;
;; rng = np.random.default_rng(42)
;; noise = rng.standard_normal(100)
;; ```
