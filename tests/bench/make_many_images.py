#!/usr/bin/env python3
"""Writes a `docker save` archive of N distinct images sharing one small
layer (each config differs by a label and its creation time), so one `load`
puts N images in a store: the fixture of bench_listings.sh's images case.

    tests/bench/make_many_images.py N OUT.tar
"""
import hashlib, io, json, sys, tarfile

n, out = int(sys.argv[1]), sys.argv[2]

def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))

layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode='w', format=tarfile.USTAR_FORMAT) as lt:
    add(lt, 'hello.txt', b'hello\n')
layer = layer.getvalue()
diff_id = 'sha256:' + hashlib.sha256(layer).hexdigest()
layer_dir = diff_id[7:]

manifest = []
with tarfile.open(out, mode='w', format=tarfile.USTAR_FORMAT) as tar:
    add(tar, layer_dir + '/layer.tar', layer)
    for i in range(n):
        created = '2026-01-01T%02d:%02d:%02dZ' % (i // 3600 % 24, i // 60 % 60, i % 60)
        config = json.dumps({
            'architecture': 'amd64', 'os': 'linux', 'created': created,
            'config': {'Cmd': ['/hello.txt'], 'Labels': {'n': str(i)}},
            'rootfs': {'type': 'layers', 'diff_ids': [diff_id]},
            'history': [{'created': created, 'created_by': 'bench image %d' % i}],
        }, separators=(',', ':')).encode()
        name = hashlib.sha256(config).hexdigest() + '.json'
        add(tar, name, config)
        manifest.append({'Config': name, 'RepoTags': ['bench/i%d:latest' % i], 'Layers': [layer_dir + '/layer.tar']})
    add(tar, 'manifest.json', json.dumps(manifest).encode())
