import wifi
wifi.connect("home", "secret")
import urequests

API = 'https://api.github.com/repos/owner/app'
RAW = 'https://raw.githubusercontent.com/owner/app/v1.1.0/'
UA = {'User-Agent': 'idioms-updater/0.1'}

r = urequests.get(API + '/releases/latest', headers=UA)
print('status:', r.status_code, r.reason)
print('header spelled as sent:', r.headers.get('content-length') is not None,
      'as in the docs:', r.headers.get('Content-Length'))
tag = r.json()['tag_name']
print('tag:', tag)
r.close()

r = urequests.get(RAW + 'main/app.py', headers=UA)
print('content:', type(r.content).__name__, len(r.content), r.content[:10])
print('text:', type(r.text).__name__, r.text.splitlines()[0])
r.close()
try:
    r.content
except AttributeError as e:
    print('after close:', e)

# streamed download: r.raw.read(n) until a short read, bytes into a text-mode file
r = urequests.get(RAW + 'main/big.bin', headers=UA)
size = int(r.headers['content-length'])
got = 0
with open('big.bin', 'w') as f:
    while True:
        chunk = r.raw.read(1000)
        if not chunk:
            break
        got += f.write(chunk)
r.close()
import os
print('streamed:', size, got, os.stat('big.bin')[6])

r = urequests.get(API + '/contents/nothing?ref=v1.1.0', headers=UA)
print('missing:', r.status_code, r.reason, r.json()['message'])
r.close()

r = urequests.get(API + '/releases/latest')
print('no user-agent:', r.status_code, r.reason, r.text)
r.close()
