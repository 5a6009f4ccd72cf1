;; id: NB303
;; name: display-in-module
;; severity: warning
;; applies-to: py
;; message: A notebook display call in a module
;; kind: native
;;
;; ## What it does
;; Checks `.py` modules for `matplotlib.pyplot.show()` and IPython's `display()` (imported from
;; `IPython.display` or `IPython.core.display`, or used without any definition, as notebooks
;; allow), resolved through the file's imports. Calls under `if __name__ == "__main__":` are
;; not reported: a script may show its plots. Nor are calls in the script's entry point, a
;; module-level `def main` that the `__main__` block calls (the form `nb2py` generates: the
;; notebook's top-level code runs in `main()`); any other function the block calls is still
;; library code and is reported.
;;
;; Notebooks are not checked: showing results is what cells are for.
;;
;; ## Why is this bad?
;; In a module these calls belong to whoever runs the code. `plt.show()` blocks a script until
;; the window is closed, does nothing on a headless server and cannot be tested; `display()`
;; is undefined outside IPython and, when imported, prints a repr to stdout.
;;
;; ## Example
;; ```python
;; def plot_losses(losses):
;;     plt.plot(losses)
;;     plt.show()
;; ```
;;
;; ## Use instead
;; ```python
;; def plot_losses(losses):
;;     fig, ax = plt.subplots()
;;     ax.plot(losses)
;;     return fig
;; ```
