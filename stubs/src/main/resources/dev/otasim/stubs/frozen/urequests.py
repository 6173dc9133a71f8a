# urequests: the old name of `requests`, kept by the firmware as a forwarder (spec §10, §20).
# Every attribute is looked up on `requests` at access time, so both names share one module.


def __getattr__(attr):
    import requests

    return getattr(requests, attr)
