"""Python bindings for lambdafit's C API (lambdafit.h) through ctypes: no compiler needed.

    from lambdafit_ctypes import Library
    lib = Library("/usr/lib/liblambdafit.so.0.1")   # or Library() to search the usual places
    with lib.load_rules() as pack:
        report = pack.assess({"workload": {"path": "samples/cron-report"}})
        print(report["verdict"])

Every string the library returns is copied into Python and freed at once with
lambdafit_string_free; rule packs are freed by close() or the `with` block.
"""
import ctypes
import ctypes.util
import json
import os

STATUS_NAMES = {0: "ok", 1: "invalid argument", 2: "request error", 3: "input error",
                4: "cancelled", 5: "internal error"}


class LambdafitError(Exception):
    """A failed call: `status` is the lambdafit_status number, the message is the library's."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.status_name = STATUS_NAMES.get(status, "unknown")


PROGRESS_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                               ctypes.c_size_t, ctypes.c_char_p)


def _find_library():
    env = os.environ.get("LAMBDAFIT_LIBRARY")
    if env:
        return env
    # Installed as <prefix>/share/lambdafit/python/: the library is in <prefix>/lib*.
    prefix = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
    for libdir in sorted(os.listdir(prefix)) if os.path.isdir(prefix) else []:
        if libdir.startswith("lib"):
            for root, _, files in os.walk(os.path.join(prefix, libdir)):
                if "liblambdafit.so" in files:
                    return os.path.join(root, "liblambdafit.so")
    found = ctypes.util.find_library("lambdafit")
    if found:
        return found
    raise OSError("cannot find liblambdafit; set LAMBDAFIT_LIBRARY to its path")


class Library:
    def __init__(self, path=None):
        self._lib = ctypes.CDLL(path or _find_library())
        lib = self._lib
        out_str = ctypes.POINTER(ctypes.c_void_p)  # char**, kept as void* so we can free it
        lib.lambdafit_version.restype = ctypes.c_char_p
        lib.lambdafit_version.argtypes = []
        lib.lambdafit_rulepack_load.restype = ctypes.c_int
        lib.lambdafit_rulepack_load.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t,
                                                ctypes.POINTER(ctypes.c_void_p), out_str]
        lib.lambdafit_rulepack_free.restype = None
        lib.lambdafit_rulepack_free.argtypes = [ctypes.c_void_p]
        lib.lambdafit_rulepack_describe.restype = ctypes.c_int
        lib.lambdafit_rulepack_describe.argtypes = [ctypes.c_void_p, out_str, out_str]
        lib.lambdafit_assess_ex.restype = ctypes.c_int
        lib.lambdafit_assess_ex.argtypes = [ctypes.c_void_p, ctypes.c_char_p, PROGRESS_FN,
                                            ctypes.c_void_p, ctypes.c_void_p, out_str, out_str]
        lib.lambdafit_string_free.restype = None
        lib.lambdafit_string_free.argtypes = [ctypes.c_void_p]

    def version(self):
        return self._lib.lambdafit_version().decode()

    def take_string(self, ptr):
        """Copies a library string into Python and frees it; None for NULL."""
        if not ptr.value:
            return None
        try:
            return ctypes.string_at(ptr.value).decode("utf-8", "replace")
        finally:
            self._lib.lambdafit_string_free(ptr.value)

    def check(self, status, error):
        message = self.take_string(error)
        if status != 0:
            raise LambdafitError(status, message or STATUS_NAMES.get(status, "error"))

    def load_rules(self, *dirs):
        """The installed rule pack, or the pack in `dirs` (in order)."""
        arr = (ctypes.c_char_p * max(1, len(dirs)))(*[os.fsencode(d) for d in dirs])
        handle, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = self._lib.lambdafit_rulepack_load(arr, len(dirs), ctypes.byref(handle), ctypes.byref(error))
        self.check(status, error)
        return RulePack(self, handle)


class RulePack:
    def __init__(self, library, handle):
        self._library = library
        self._handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._handle:
            self._library._lib.lambdafit_rulepack_free(self._handle)
            self._handle = None

    def describe(self):
        out, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = self._library._lib.lambdafit_rulepack_describe(self._handle, ctypes.byref(out), ctypes.byref(error))
        self._library.check(status, error)
        return json.loads(self._library.take_string(out))

    def assess_text(self, request, progress=None):
        """Runs a request (a dict or JSON text) and returns the report text as the library
        produced it. `progress(stage, done, total, item)` may return True to cancel."""
        text = request if isinstance(request, str) else json.dumps(request)

        def relay(_user, stage, done, total, item):
            return 1 if progress(stage.decode(), done, total, item.decode("utf-8", "replace")) else 0

        callback = PROGRESS_FN(relay) if progress else PROGRESS_FN()
        out, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = self._library._lib.lambdafit_assess_ex(self._handle, text.encode(), callback, None, None,
                                                        ctypes.byref(out), ctypes.byref(error))
        report = self._library.take_string(out)
        self._library.check(status, error)
        return report

    def assess(self, request, progress=None):
        """Runs a request and returns the JSON report as a dict."""
        return json.loads(self.assess_text(request, progress))
