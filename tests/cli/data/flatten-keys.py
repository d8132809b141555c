#!/usr/bin/env python3
# Prints the key paths of the first object of a `docker inspect` JSON array
# (stdin), one per line, in Docker's order: "HostConfig.Memory",
# "Mounts[].Type". Keys of maps whose keys are data (network names, labels,
# volume paths, ports, driver options) print as "*". tst_CliInspectKeys
# flattens strata's JSON by the same rules (keep the two in step).
import json
import sys

DATA_MAPS = {"NetworkSettings.Networks", "NetworkSettings.Ports", "Config.Labels", "Config.Volumes",
             "Config.ExposedPorts", "ContainerConfig.Labels", "ContainerConfig.Volumes",
             "ContainerConfig.ExposedPorts", "HostConfig.LogConfig.Config", "HostConfig.PortBindings",
             "HostConfig.Tmpfs", "GraphDriver.Data", "Labels", "Options", "Containers", "IPAM.Options"}
seen = []


def walk(value, path):
    if isinstance(value, dict):
        for k, v in value.items():
            key = "*" if path in DATA_MAPS else k
            p = key if not path else path + "." + key
            if p not in seen:
                seen.append(p)
            walk(v, p)
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, dict):
                walk(v, path + "[]")


walk(json.load(sys.stdin)[0], "")
print("\n".join(seen))
