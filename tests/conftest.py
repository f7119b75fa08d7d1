"Print the versions the suite ran with (the header of every pytest run)."
import importlib, platform

def pytest_report_header(config):
    vs = []
    for name in ('torch', 'torchvision', 'fastai', 'fastcore', 'nbdev', 'numpy', 'accelerate', 'torch_fidelity'):
        try: vs.append(f"{name} {importlib.import_module(name).__version__}")
        except Exception: vs.append(f"{name} missing")
    return [f"advspade test environment: python {platform.python_version()}, " + ', '.join(vs)]

def pytest_configure(config):
    config.addinivalue_line('markers', 'fresh_venv: installs the package into an empty virtual environment from the package index (minutes)')
