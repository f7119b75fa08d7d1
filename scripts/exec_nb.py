"""Execute notebooks in place, keeping their outputs, as a reader would run them on a CPU.

    OMP_NUM_THREADS=1 python scripts/exec_nb.py nbs/08_attacks.ipynb [more.ipynb ...]

Cells flagged `#| cuda` (and `#| slow` with --skip-slow) are left unexecuted, the way
`nbdev_test` skips them, and keep the outputs they have (a slow cell's output is then the one of
its last full run: re-run without --skip-slow after changing what it computes); `IN_TEST` is
*not* set, so the notebooks run their full-size CPU path.
"""
import argparse, re, sys, time
from pathlib import Path
import nbformat
from nbconvert.preprocessors import ExecutePreprocessor
from clean_nbs import strip_file   # widget state and jupytext metadata never get committed (same folder)

class SkipFlagged(ExecutePreprocessor):
    "Execute every code cell except those carrying one of `skip` as a `#|` flag (left as they are)."
    skip = ('cuda',)
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == 'code' and any(re.search(rf'^#\|\s*{f}\b', cell.source, re.M) for f in self.skip):
            return cell, resources
        return super().preprocess_cell(cell, resources, index)

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+', type=Path)
    p.add_argument('--skip-slow', action='store_true', help='also leave `#| slow` cells unexecuted')
    p.add_argument('--timeout', type=int, default=1800, help='seconds per cell')
    a = p.parse_args(argv)
    for f in a.notebooks:
        t = time.time()
        nb = nbformat.read(f, as_version=4)
        ep = SkipFlagged(timeout=a.timeout, kernel_name='python3')
        ep.skip = ('cuda', 'slow') if a.skip_slow else ('cuda',)
        ep.preprocess(nb, {'metadata': {'path': str(f.parent)}})
        nbformat.write(nb, f)
        strip_file(f)
        print(f'{f}: executed in {time.time()-t:.0f} s', file=sys.stderr)

if __name__ == '__main__': main()
