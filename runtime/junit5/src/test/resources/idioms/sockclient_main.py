import wifi
wifi.connect("home", "secret")
import sockclient

status, headers, release = sockclient.get_json('api.github.com', 'repos/owner/app/releases/latest')
print('with agent:', status, headers[b'content-type'], release['tag_name'])

try:
    sockclient.get_json('api.github.com', 'repos/owner/app/releases/latest', agent=False)
except ValueError as e:
    print('without agent:', repr(e))

try:
    status, release = sockclient.get_json11('api.github.com', 'repos/owner/app/releases/latest')
    print('http/1.1:', status, release['tag_name'])
except Exception as e:
    print('http/1.1:', repr(e))
