<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Pull</name>
    <message>
        <source>&lt;b&gt;push&lt;/b&gt;: each layer goes up on its own; layers the registry has are not sent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;pull&lt;/b&gt;: each layer comes down on its own; layers the store has are not fetched again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;local store&lt;/b&gt;: layers already here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;layers&lt;/b&gt; of the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;layers&lt;/b&gt; of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest: (the manifest&apos;s sha256, checked at the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the registry now serves this manifest: NAME@digest names exactly this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every blob&apos;s sha256 matched: NAME@digest names exactly this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type pull NAME (or push NAME) to watch the layers travel one by one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This image is %n layer(s) in the store; push sends each one, pull fetches only the ones missing.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>push: %n layer(s) go up one by one; the registry keeps each by its digest.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pull: %n layer(s), each downloaded on its own, verified by its sha256, then extracted.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pushed: %1 layer(s) sent, %2 the registry already had; the digest names the manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pulled: %1 layer(s) downloaded, %2 already in the store; the digest names the manifest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Archive</name>
    <message>
        <source>&lt;b&gt;save / load&lt;/b&gt; keeps layers and history — &lt;b&gt;export / import&lt;/b&gt; flattens to one layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image → save → tar → load → image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container → export → tar → import → image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save -o image.tar IMAGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history and every layer kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one file tree: %1 entries, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export -o rootfs.tar CONTAINER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no layers, no history, no config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run save then load, and export then import: compare what survives each trip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container&apos;s read-write layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n lower layer(s)</source>
        <translation>
            <numerusform>… and %n lower layer</numerusform>
            <numerusform>… and %n lower layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>history: %n row(s) — newest: %1</source>
        <translation>
            <numerusform>history: %n row — newest: %1</numerusform>
            <numerusform>history: %n rows — newest: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>load: the same %1 layers come back, and all %2 history rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import: one flat layer (%1), one history row — the layers and history are gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: every layer, the config with its history and a manifest go into one tar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export: the container&apos;s merged view — every layer at once — is written as one flat tar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>image tar: %n layer tar(s) + config + manifest</source>
        <translation>
            <numerusform>image tar: %n layer tar + config + manifest</numerusform>
            <numerusform>image tar: %n layer tars + config + manifest</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bootfs</name>
    <message>
        <source>&lt;b&gt;bootfs / rootfs&lt;/b&gt; — one host kernel, every container brings only a rootfs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host kernel (bootfs) — shared by all containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Textbook&lt;/b&gt;: an image = bootfs (bootloader + kernel) + rootfs.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Reality&lt;/b&gt;: an image tar holds no kernel, only a rootfs (files: /bin, /etc, /lib …). Every container runs on the host&apos;s kernel.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Host: &lt;code&gt;uname -r&lt;/code&gt; = &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Try: &lt;code&gt;run --rm strata/busybox:latest uname -r&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Inside %1: &lt;code&gt;uname -r&lt;/code&gt; = &lt;b&gt;%2&lt;/b&gt; %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— the same kernel ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— differs ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers share the host&apos;s kernel; an image brings only its root file system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No containers yet: run one and it stands here on the kernel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RW layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rootfs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>syscalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uname -r inside the container printed %1 — the host&apos;s own kernel: the image brought none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uname -r inside the container printed %1, the host has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientDaemon</name>
    <message>
        <source>Every command is a request from the client to the engine, answered when the engine is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Client and daemon&lt;/b&gt; — the console asks, the engine does the work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client (docker CLI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daemon (dockerd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) in the last command</source>
        <translation>
            <numerusform>%n event in the last command</numerusform>
            <numerusform>%n events in the last command</numerusform>
        </translation>
    </message>
    <message>
        <source>request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Textbook vs here.&lt;/b&gt; &lt;code&gt;docker&lt;/code&gt; is only a client: it sends each command to dockerd over /var/run/docker.sock and prints the answer. Here the console is the client and the engine runs on its own thread; &lt;code&gt;strata&lt;/code&gt; in a terminal is client and engine in one process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>$ %1   →   exit %2 · %n event(s)</source>
        <translation>
            <numerusform>$ %1   →   exit %2 · %n event</numerusform>
            <numerusform>$ %1   →   exit %2 · %n events</numerusform>
        </translation>
    </message>
    <message>
        <source>The console sends “%1” to the engine, which does the work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The engine answers: done (exit 0) after %n event(s); the console prints the answer.</source>
        <translation>
            <numerusform>The engine answers: done (exit 0) after %n event; the console prints the answer.</numerusform>
            <numerusform>The engine answers: done (exit 0) after %n events; the console prints the answer.</numerusform>
        </translation>
    </message>
    <message>
        <source>The engine answers with an error (exit %1); the console prints its message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Commit</name>
    <message>
        <source>&lt;b&gt;commit&lt;/b&gt; — a container&apos;s read-write layer becomes a new image&apos;s read-only layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;commit&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt; — its read-write layer becomes a new image&apos;s read-only layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container: image layers + its RW layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container on &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new image: appears on commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new image &lt;b&gt;%1&lt;/b&gt; &lt;code&gt;%2&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;lt;none&amp;gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a container that changes files, then `commit` it: its layer hardens into a new image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RW layer of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C %1 · D %2 · A %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>history: %n row(s)</source>
        <translation>
            <numerusform>history: %n row</numerusform>
            <numerusform>history: %n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>the container&apos;s changes, now read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new image is the old layers plus one: %1 layers, and `history` has a new row on top (%2 rows).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit, phase %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container&apos;s changes are written as one layer tar: the layer is now fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The read-write layer hardens: locked, read-only, ready to be shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It slides onto a new image: the same lower layers, shared, plus this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committed layer · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>Blob %1 verified: its bytes hash to its name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blob %1 stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blob %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extracting layer %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1: %2 files, %3 so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 extracted: %2 files, %3, stacked on the layers below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 is already in the store: shared, not copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whiteout: this layer hides /%1 from the layers below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opaque directory /%1: everything below it is hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 removed: no image uses it any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New layer written: %1 added, %2 modified, %3 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 imported as one flat layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag %1 now points at image %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 gets its own empty read-write layer on top of the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Union mounted (%1): %n read-only layer(s) below, the container&apos;s layer on top, one merged view.</source>
        <translation>
            <numerusform>Union mounted (%1): %n read-only layer below, the container&apos;s layer on top, one merged view.</numerusform>
            <numerusform>Union mounted (%1): %n read-only layers below, the container&apos;s layer on top, one merged view.</numerusform>
        </translation>
    </message>
    <message>
        <source>Union view unmounted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy-up: %1 copied from layer %2 into the container layer; the lower copy stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete: a whiteout for %1 in the container layer hides layer %2&apos;s copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opaque directory %1 in the container layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New file %1 written straight into the container layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container layer: %1 copied up, %2 whiteouts, %3 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 created from %2: the image&apos;s layers plus one empty writable layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1: %2 → %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 runs its command as PID 1 (host PID %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1&apos;s process exited with status %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 renamed to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 removed with its writable layer; the image&apos;s layers stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new process joins container %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume %1 created: a directory outside every layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume %1 filled with the image&apos;s %2 (%3 files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed: the container&apos;s layer is now a read-only layer of image %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the merged file system as one flat tar (%1 entries).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mount %1 → %2 (%3): writes there bypass the container layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 out of the container.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied into the container at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pulled %1 from %2: digest %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushed %1 to %2: digest %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 of %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build context sent to the engine: %1 files, %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1/%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 runs in an intermediate container %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 committed as image %2 on top of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1: using cache (image %2 already has this step).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 done: image %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build finished: image %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build failed at step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network %1 created: bridge %2 on the host, subnet %3, gateway %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network %1 removed: its bridge is gone from the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 connected to network %2: a veth pair, %3 with address %4 inside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1 disconnected from network %2: its veth pair is deleted, %3 is free again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port published: %1:%2 on the host forwards to %3 port %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <source>A container&apos;s life: create, start, pause, stop, rm. Run a command (or click a state) to see it move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Container lifecycle&lt;/b&gt; — no container yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Container lifecycle&lt;/b&gt; of &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RW layer made, no process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID 1 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen by the cgroup freezer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>process ended, files kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RW layer deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to run the command that leads here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a state to run the one command that leads there from the lit state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Refused:&lt;/b&gt; no &lt;code&gt;%1&lt;/code&gt; arrow leads from %2 to %3. The engine said:&lt;br&gt;&lt;code&gt;%4&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1 cannot lead from %2 to %3 — the red dashed arrow does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No single command leads from %1 to %2: follow the arrows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create: the image&apos;s layers get one thin read-write layer on top; nothing runs yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unpause: the freezer thaws every process; they go on where they stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start: the union is mounted and the command runs as PID 1 in new namespaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pause: the cgroup freezer stops every process; memory stays, nothing runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container&apos;s PID 1 ended: no process left, but its files and layer stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rm: the read-write layer and the container&apos;s directory are deleted; the image stays.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Marks</name>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whiteout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opaque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunPhases</name>
    <message>
        <source>RW layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>union mount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty read-write layer is made for the container: everything it writes will land here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The init layer gets /etc/hostname, /etc/hosts and /etc/resolv.conf, so every container has its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image&apos;s layers, the init layer and the RW layer are mounted as one union: the container&apos;s root.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The process is cloned into new namespaces: it gets its own PIDs, hostname, mounts and IPC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/proc, /dev, /sys and the container&apos;s volumes are mounted inside the new mount namespace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pivot_root makes the union the process&apos;s / — the host&apos;s files are out of its sight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capabilities are dropped to Docker&apos;s default set: root in the container is not root on the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exec: the container&apos;s command replaces the runtime as PID 1 — the container is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run = create + start: each box lights as the engine passes that phase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; = create + start — the phases the engine really passes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type &lt;code&gt;run --name web strata/demo-web:1.0 cat /etc/web.conf&lt;/code&gt; in the console (or turn on step mode first, F9, and press Step for each phase).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;The engine: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;PID 1 of the container is host PID &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: every phase done; the command is PID 1 (host PID %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine stopped here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: the host started the container; its command is PID 1 inside.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Scene</name>
    <message>
        <source>RW %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C %1 · D %2 · A %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extracting… %1 files, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already in the store: shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged view — what a container sees (nearest layer wins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n read-only layer(s); the merged view shows, for each path, the nearest layer&apos;s copy.</source>
        <translation>
            <numerusform>%1: %n read-only layer; the merged view shows, for each path, the nearest layer&apos;s copy.</numerusform>
            <numerusform>%1: %n read-only layers; the merged view shows, for each path, the nearest layer&apos;s copy.</numerusform>
        </translation>
    </message>
    <message>
        <source>hidden by L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create / run adds the container&apos;s writable layer here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only image layers (nearest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the container&apos;s writable layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlayfs scratch space for atomic copy-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the container&apos;s root: the union</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layers below the top, nearest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the top layer, as image inspect reports it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the union a container will see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/%1 is hidden: layer %2&apos;s whiteout deletes it; its bytes still sit in layer %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/%1 comes from layer %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/%1 comes from layer %2 (%3); it shadows the copy in layer %4 — nearest layer wins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copied from L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sha %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whiteout: hides L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new in the container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower copy stays: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit of container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container %1 (%2): its own writable layer, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image %1 = the layers below + this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1&apos;s writable layer (C %2 · D %3 · A %4) sits on the %n read-only layer(s) of %5.</source>
        <translation>
            <numerusform>%1&apos;s writable layer (C %2 · D %3 · A %4) sits on the %n read-only layer of %5.</numerusform>
            <numerusform>%1&apos;s writable layer (C %2 · D %3 · A %4) sits on the %n read-only layers of %5.</numerusform>
        </translation>
    </message>
    <message>
        <source>commit of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>%1 · %2 s · image %3 drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 s · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Volumes</name>
    <message>
        <source>&lt;b&gt;Volumes&lt;/b&gt; — data that lives beside the container, not in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Volumes&lt;/b&gt; of &lt;code&gt;%1&lt;/code&gt; — data beside the container, not in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged view: the container&apos;s /</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-write layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted with the container</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>image layers + init layer: %n read-only dir(s)</source>
        <translation>
            <numerusform>image layers + init layer: %n read-only dir</numerusform>
            <numerusform>image layers + init layer: %n read-only dirs</numerusform>
        </translation>
    </message>
    <message>
        <source>Writes under a mount point go down the pipe into the volume (a directory on the host), not into the read-write layer; &lt;code&gt;rm&lt;/code&gt; deletes the container and its layer, the volume stays until &lt;code&gt;volume rm&lt;/code&gt;. &lt;code&gt;commit&lt;/code&gt; and &lt;code&gt;diff&lt;/code&gt; leave mount points out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a container with -v NAME:/dir and write a file there: watch where it lands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bind mount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tmpfs (memory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>volume %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written under the mount point: it is in the volume, not in the read-write layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is mounted at %2: the host directory %3 appears inside the container.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written outside any mount: it lands in the read-write layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rm: the container and its read-write layer are gone; the volume and its files stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>volume rm %1: now the data is gone too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (mount point)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is made as an empty directory in the read-write layer: the volume is mounted over it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::ChartsPanel</name>
    <message>
        <source>Disk use of containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wasted space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image layers (read-only, shared)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the container&apos;s own read-write layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: sees %2, owns %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without sharing: %1 × image = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on disk: image once + own layers = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image %1 alone: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No container of %1 yet: each one you create adds only its own thin layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One image, many containers: %1 (%2) is stored once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1 %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer sizes of %1: %2 in all (bottom = first layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden by an upper layer (wasted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1 · %2 hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wasted space in %1: %2 hidden by upper layers still ships with it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::ConsoleWidget</name>
    <message>
        <source>(exit status %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a command, e.g. images, history strata/demo-web:1.0, image tree strata/demo-web:1.0 (Tab completes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same commands and options as the strata CLI. Up/Down: history. Tab: complete. Ctrl+C: stop the running command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the running command (Ctrl+C): releases a Step wait, kills the container it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(detached with Ctrl+P Ctrl+Q: the container keeps running; attach to it again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interactive: keys go to the container. exit (or Ctrl+D) ends the shell; Ctrl+P Ctrl+Q detaches and leaves the container running; Stop kills it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::EngineHost</name>
    <message>
        <source>Error: unterminated quote in: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: `events` without --until never ends; the Events panel shows them live.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for Step (F10) or Continue (F8); Stop ends the command</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: SIGTERM sent; waiting up to %n s for the process to end, then SIGKILL</source>
        <translation>
            <numerusform>%1: SIGTERM sent; waiting up to %n s for the process to end, then SIGKILL</numerusform>
            <numerusform>%1: SIGTERM sent; waiting up to %n s for the process to end, then SIGKILL</numerusform>
        </translation>
    </message>
    <message>
        <source>wait: until %1 stops; Stop (Ctrl+C) cancels</source>
        <translation>wait: until %1 stops; Stop (Ctrl+C) cancels</translation>
    </message>
    <message>
        <source>Cancelled: no longer waiting for %1 (it keeps running).
</source>
        <translation>Cancelled: no longer waiting for %1 (it keeps running).
</translation>
    </message>
    <message>
        <source>Error: `%1` never ends by itself and this console has no terminal for it: leave out -f, or run it in a terminal with the strata CLI.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: no pseudo-terminal for `%1` (/dev/ptmx cannot be opened)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: `%1` needs a terminal and this console has none: leave out -i/-t (or -f), or run it in a terminal with the strata CLI.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: cannot make a pipe for `%1`
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::EngineWorker</name>
    <message>
        <source>Error: the engine is not open
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::EventLogWidget</name>
    <message>
        <source>Filter events (type, action, subject, text)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::FileTreeModel</name>
    <message>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provided by layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shadows the copy in layer(s) %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted by layer %1 (whiteout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::ImageListModel</name>
    <message>
        <source>Image %1 (id %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::InspectorWidget</name>
    <message>
        <source>Search keys and values…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path in Go-template form, for inspect --format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an image to inspect it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::JsonTreeModel</name>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::LayerExplorer</name>
    <message>
        <source>Hidden in the merged view: layer %1 deletes it with a whiteout (%2). Its bytes stay in layer %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This layer holds a whiteout: the path is hidden from every layer above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provided by layer %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shadows the copy in layer(s) %1: nearest layer wins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layer lists this directory itself; it exists because paths below it do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ visible (nearest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shadowed / hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(a directory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no content)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: too large to preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(cannot read: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary file, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1 copy deleted by L%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1 copy shadowed by L%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a path (Enter: next match)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks: %1 · struck-through = not in the merged view</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wasted space: %1 in %n file(s) hidden by later layers</source>
        <translation>
            <numerusform>Wasted space: %1 in %n file hidden by later layers</numerusform>
            <numerusform>Wasted space: %1 in %n files hidden by later layers</numerusform>
        </translation>
    </message>
    <message>
        <source>Wasted space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the merged view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions of this path across the layers (bottom first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1 copy hidden in the merged view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::LayerStackModel</name>
    <message>
        <source>Merged view</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n path(s)</source>
        <translation>
            <numerusform>%n path</numerusform>
            <numerusform>%n paths</numerusform>
        </translation>
    </message>
    <message>
        <source>what a container sees: nearest layer wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The union of all layers, as overlayfs presents it (&quot;merged&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 (bottom = 1)
diff_id %2
chain_id %3
created by: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::LessonPanel</name>
    <message>
        <source>Wipe this lesson's own store and start again at step 1? What you did in this lesson is lost (your own images are not touched).</source>
        <translation>Wipe this lesson's own store and start again at step 1? What you did in this lesson is lost (your own images are not touched).</translation>
    </message>
    <message>
        <source>Reset the lesson</source>
        <translation>Reset the lesson</translation>
    </message>
    <message>
        <source>Exercise %1: %2</source>
        <translation>Exercise %1: %2</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>Step %1: %2</translation>
    </message>
    <message>
        <source>↺ Retry step</source>
        <translation>↺ Retry step</translation>
    </message>
    <message>
        <source>Put the lesson's store back as it was when this step began and start the step again</source>
        <translation>Put the lesson's store back as it was when this step began and start the step again</translation>
    </message>
    <message>
        <source>Show hint</source>
        <translation>Show hint</translation>
    </message>
    <message>
        <source>Show solution</source>
        <translation>Show solution</translation>
    </message>
    <message>
        <source>Play for me</source>
        <translation>Play for me</translation>
    </message>
    <message>
        <source>The app types this step's commands for you</source>
        <translation>The app types this step's commands for you</translation>
    </message>
    <message>
        <source>Close lesson</source>
        <translation>Close lesson</translation>
    </message>
    <message>
        <source>Leave the lesson: the panels show your own store again</source>
        <translation>Leave the lesson: the panels show your own store again</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>Presentation</translation>
    </message>
    <message>
        <source>A larger lesson panel; Next and Back on PgDn/PgUp and →/← (a presenter's clicker)</source>
        <translation>A larger lesson panel; Next and Back on PgDn/PgUp and →/← (a presenter's clicker)</translation>
    </message>
    <message>
        <source>Jump to a step: the earlier steps are replayed on a clean lesson store</source>
        <translation>Jump to a step: the earlier steps are replayed on a clean lesson store</translation>
    </message>
    <message>
        <source>§ From the notes: &lt;a href=&quot;note&quot;&gt;%1&lt;/a&gt; — “%2”</source>
        <translation>§ From the notes: &lt;a href=&quot;note&quot;&gt;%1&lt;/a&gt; — “%2”</translation>
    </message>
    <message>
        <source>Solution:</source>
        <translation>Solution:</translation>
    </message>
    <message>
        <source>Your turn: solve it yourself (Show hint if you are stuck).</source>
        <translation>Your turn: solve it yourself (Show hint if you are stuck).</translation>
    </message>
    <message>
        <source>the step's command (other lines run as exploration)</source>
        <translation>the step's command (other lines run as exploration)</translation>
    </message>
    <message>
        <source>exploration (not the step's command)</source>
        <translation>exploration (not the step's command)</translation>
    </message>
    <message>
        <source>Not yet: that is the step's command, but it ended with exit status %1. Read its error.</source>
        <translation>Not yet: that is the step's command, but it ended with exit status %1. Read its error.</translation>
    </message>
    <message>
        <source>Not yet: that line ran as exploration (it is not this step's command); the step still waits for its command.</source>
        <translation>Not yet: that line ran as exploration (it is not this step's command); the step still waits for its command.</translation>
    </message>
    <message>
        <source>The lesson could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the previous step as you left it (the engine is not rolled back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟲ Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wipe this lesson&apos;s own store and start again at step 1 (your own images are not touched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks on the engine&apos;s real state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the commands printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the step&apos;s command and press Enter; other lines run as free exploration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the lesson…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercise · step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follows the notes: %1 — “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your turn: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every command of this step has run. Explore freely, or go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app is running this step&apos;s commands…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free exploration: any strata command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Every check holds: the lesson is complete!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Every check holds: press Next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet: that command did not do it (exit status %1). Look at the hint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Not yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet: type the step&apos;s command first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next opens when every check holds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::MainWindow</name>
    <message>
        <source>Study note</source>
        <translation>Study note</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mountpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine could not open its store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container inspect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — phase %2 of %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⏸ waiting for Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata — a container engine you can watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load image archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save selected image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine &amp;info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine waits at each phase until you press Step (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the engine do its next phase (F10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave step mode and run to the end (F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduced motion (fades instead of moves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High-contrast palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Strata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the interface language (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Speed ×%1 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>engine starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the image store and making the built-in images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖ paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ exited (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>driver %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rootless</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <source>image inspect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1/%2 · %3 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Strata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Strata %1&lt;/h3&gt;&lt;p&gt;A container engine you can watch: Docker&apos;s verbs over a real image store, drawn from the engine&apos;s own events.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL v3 or later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load image archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image archives (*.tar *.tar.gz *.tgz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save image archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar archives (*.tar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>volume inspect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network inspect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lesson store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lessons: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagrams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export view as SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scene, replay frame, chart or diagram shown, as a vector picture for slides (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export view as &amp;PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scene, replay frame, chart or diagram shown, as an image at twice its size (Ctrl+Shift+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the scenes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the layer explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the diagrams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG pictures (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;What to click first&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Images&lt;/b&gt; (left): click &lt;code&gt;strata/demo-web:1.0&lt;/code&gt;. The centre shows its read-only layers, bottom = L1, and the merged view above them.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Console&lt;/b&gt; (bottom): type &lt;code&gt;run -d --name web strata/demo-web:1.0&lt;/code&gt;. The container&apos;s writable layer appears on its image&apos;s stack.&lt;/li&gt;&lt;li&gt;Type &lt;code&gt;exec web rm /etc/motd&lt;/code&gt;, then switch scenes with the tabs (Copy-on-write, Lifecycle, commit …): each shows the same container from another side.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Lesson&lt;/b&gt; menu: open lesson 1 for a guided tour with checks.&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;Shortcuts&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Ctrl+1 … Ctrl+9&lt;/td&gt;&lt;td&gt;scenes&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Alt+1 … Alt+4&lt;/td&gt;&lt;td&gt;scenes, explorer, charts, diagrams&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F9 / F10 / F8&lt;/td&gt;&lt;td&gt;step mode / Step / Continue&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+C (console)&lt;/td&gt;&lt;td&gt;stop the running command&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Alt+Left / Alt+Right, F6&lt;/td&gt;&lt;td&gt;timeline back / forward, replay&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;presentation mode (Space = Step, Shift+Space = Back, F = Continue, Esc = leave)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+E / Ctrl+Shift+E&lt;/td&gt;&lt;td&gt;export the view as SVG / PNG&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+L&lt;/td&gt;&lt;td&gt;中文 / English&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F1&lt;/td&gt;&lt;td&gt;this page&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Build image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons run on Strata&apos;s own engine: switch to it (Engine: in the toolbar) to open lesson %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on a real host: this works on Strata&apos;s own engine only (Engine: in the toolbar switches)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons run on Strata&apos;s own engine, in a store of their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A real host runs its own steps: it cannot wait for Step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::NoteView</name>
    <message>
        <source>The note %1 is not installed here (looked in %2).</source>
        <translation>The note %1 is not installed here (looked in %2).</translation>
    </message>
    <message>
        <source>no notes directory</source>
        <translation>no notes directory</translation>
    </message>
</context>
<context>
    <name>strata::gui::ScenePanel</name>
    <message>
        <source>Layer stack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy-on-write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run = create + start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bootfs / rootfs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client–daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save vs export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pull / push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scenes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::TimelineDock</name>
    <message>
        <source>Replay %1/%2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events yet: run a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewind the drawing to the session&apos;s first event (Alt+Home)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One event back: the drawing is rebuilt, the engine is not touched (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the drawing from here at the chosen speed (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One event forward, animated (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the present: the live scene (Alt+End)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every event of this session: drag to rewind the drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Speed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Build</name>
    <message>
        <source>&lt;b&gt;build&lt;/b&gt; — FROM, then for each step: run a container, change files, commit a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strata build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs each step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>build context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>build context · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Dockerfile&lt;/b&gt;: one step per instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;history&lt;/b&gt; of the newest image, step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;image&lt;/b&gt;: empty (scratch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;image&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;config&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟲ &lt;b&gt;Using cache&lt;/b&gt;: this step&apos;s image already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build an image (Build… or `build -t NAME DIR` in the console): each step runs and commits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RUN in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed, kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 committed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client sends the build context (%1 files, %2) to the engine, which reads the Dockerfile: %3 steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1/%2 : %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RUN: a container of the image so far runs %1; what it writes lands in its read-write layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata only: no layer is added; only the config changes (history row, 0 B).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed: the step&apos;s changes harden into a new read-only layer on the stack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using cache: an image made by the same step on the same parent exists; nothing runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successfully built %1 %2: its layers are the stack; each row of `history` is a step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The build stopped: %1 Nothing is tagged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::BuildDialog</name>
    <message>
        <source>Build an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (-t):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dockerfile (saved into the folder when you build):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context folder &quot;%1&quot; does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the Dockerfile: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>Create a network, run containers on it, publish a port: watch the cables and doors appear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Bar&lt;/b&gt;: a bridge, a switch on the host.&lt;br&gt;&lt;b&gt;Cable&lt;/b&gt;: a veth pair, one end in the container.&lt;br&gt;&lt;b&gt;Door&lt;/b&gt;: a published port (DNAT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iptables NAT · ip_forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Textbook vs here.&lt;/b&gt; Docker&apos;s default bridge is docker0; here it is &lt;code&gt;strata0&lt;/code&gt;. Each container gets a veth pair: one end is its eth0, the other is plugged into the bridge. &lt;code&gt;-p&lt;/code&gt; adds DNAT rules on the host, no proxy process. On a user-defined network the engine writes every peer&apos;s name into &lt;code&gt;/etc/hosts&lt;/code&gt; (Docker answers from a DNS server at 127.0.0.11); the default bridge resolves no names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · gw %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ %1 (+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks for “%2”: on the default bridge no name is resolved (no line for it in /etc/hosts), so nothing is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2: out of %1&apos;s eth0, through its veth into the bridge of %3 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and down %2&apos;s veth: %1 reaches %2 across %3, and the answer comes back the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network create %1: a new bridge %2 on the host, subnet %3, the gateway %4 on the bridge itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network rm %1: its bridge is deleted from the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 plugged into %2: a veth pair, %3 inside the container with %4, the other end on the bridge %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unplugged from %2: its veth pair is deleted and its address goes back to the pool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port published: %1 on the host leads to %2 port %3 (a DNAT rule, no process listens on the host).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>+%n more container(s) on these networks, not drawn</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::HostBanner</name>
    <message>
        <source>⟳ Reconnecting to %1 (attempt %2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⛁ %1 at %2 — engine %3 (Engine API %4). Changes made on the host show here live; Strata&apos;s own store is not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⚠ No connection to %1: %2 — next attempt in %n s.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ Cannot use this host: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::HostSwitcher</name>
    <message>
        <source>Show a remote engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine API address (unix:///PATH, tcp://HOST:PORT, ssh://USER@HOST):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata&apos;s own engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images and containers in Strata&apos;s store; every scene and lesson works here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docker (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Docker daemon on this machine, through its Engine API socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Podman (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Podman&apos;s Docker-compatible API service (podman system service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another engine by its address: unix://, tcp:// (TLS with DOCKER_TLS_VERIFY) or ssh://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which engine the lists, scenes and console show</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::gui::HostWorker</name>
    <message>
        <source>the host is not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
