<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Pull</name>
    <message>
        <source>&lt;b&gt;push&lt;/b&gt;: each layer goes up on its own; layers the registry has are not sent again</source>
        <translation>&lt;b&gt;push&lt;/b&gt;：每一层单独上传；仓库已有的层不再重传</translation>
    </message>
    <message>
        <source>&lt;b&gt;pull&lt;/b&gt;: each layer comes down on its own; layers the store has are not fetched again</source>
        <translation>&lt;b&gt;pull&lt;/b&gt;：每一层单独下载；本地已有的层不再下载</translation>
    </message>
    <message>
        <source>registry</source>
        <translation>镜像仓库</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚未连接</translation>
    </message>
    <message>
        <source>&lt;b&gt;local store&lt;/b&gt;: layers already here</source>
        <translation>&lt;b&gt;本地存储&lt;/b&gt;：已经在这里的层</translation>
    </message>
    <message>
        <source>&lt;b&gt;layers&lt;/b&gt; of the image</source>
        <translation>镜像的&lt;b&gt;各层&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;layers&lt;/b&gt; of %1</source>
        <translation>%1 的&lt;b&gt;各层&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Digest: (the manifest&apos;s sha256, checked at the end)</source>
        <translation>Digest：（清单的 sha256，最后校验）</translation>
    </message>
    <message>
        <source>the registry now serves this manifest: NAME@digest names exactly this image</source>
        <translation>仓库现在提供这份清单：名字@摘要 精确指向这个镜像</translation>
    </message>
    <message>
        <source>every blob&apos;s sha256 matched: NAME@digest names exactly this image</source>
        <translation>每个 blob 的 sha256 都对上了：名字@摘要 精确指向这个镜像</translation>
    </message>
    <message>
        <source>Type pull NAME (or push NAME) to watch the layers travel one by one.</source>
        <translation>输入 pull 名字（或 push 名字），看各层一层一层地传输。</translation>
    </message>
    <message numerus="yes">
        <source>This image is %n layer(s) in the store; push sends each one, pull fetches only the ones missing.</source>
        <translation>
            <numerusform>这个镜像在本地有 %n 层；push 逐层上传，pull 只下载缺少的层。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>push: %n layer(s) go up one by one; the registry keeps each by its digest.</source>
        <translation>
            <numerusform>push：%n 层逐一上传；仓库按摘要保存每一层。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pull: %n layer(s), each downloaded on its own, verified by its sha256, then extracted.</source>
        <translation>
            <numerusform>pull：%n 层，每层单独下载、用 sha256 校验，然后解压。</numerusform>
        </translation>
    </message>
    <message>
        <source>in the store</source>
        <translation>已在本地</translation>
    </message>
    <message>
        <source>pushed: %1 layer(s) sent, %2 the registry already had; the digest names the manifest.</source>
        <translation>已 push：上传 %1 层，仓库已有 %2 层；摘要指向这份清单。</translation>
    </message>
    <message>
        <source>pulled: %1 layer(s) downloaded, %2 already in the store; the digest names the manifest.</source>
        <translation>已 pull：下载 %1 层，本地已有 %2 层；摘要指向这份清单。</translation>
    </message>
</context>
<context>
    <name>Archive</name>
    <message>
        <source>&lt;b&gt;save / load&lt;/b&gt; keeps layers and history — &lt;b&gt;export / import&lt;/b&gt; flattens to one layer</source>
        <translation>&lt;b&gt;save / load&lt;/b&gt; 保留各层和历史 —— &lt;b&gt;export / import&lt;/b&gt; 压平成一层</translation>
    </message>
    <message>
        <source>image → save → tar → load → image</source>
        <translation>镜像 → save → tar → load → 镜像</translation>
    </message>
    <message>
        <source>container → export → tar → import → image</source>
        <translation>容器 → export → tar → import → 镜像</translation>
    </message>
    <message>
        <source>save -o image.tar IMAGE</source>
        <translation>save -o image.tar 镜像</translation>
    </message>
    <message>
        <source>history and every layer kept</source>
        <translation>保留历史和每一层</translation>
    </message>
    <message>
        <source>one file tree: %1 entries, %2</source>
        <translation>一棵文件树：%1 个条目，%2</translation>
    </message>
    <message>
        <source>export -o rootfs.tar CONTAINER</source>
        <translation>export -o rootfs.tar 容器</translation>
    </message>
    <message>
        <source>no layers, no history, no config</source>
        <translation>没有分层、没有历史、没有配置</translation>
    </message>
    <message>
        <source>Run save then load, and export then import: compare what survives each trip.</source>
        <translation>先 save 再 load，先 export 再 import：比较两条路各保留了什么。</translation>
    </message>
    <message>
        <source>container&apos;s read-write layer</source>
        <translation>容器的读写层</translation>
    </message>
    <message numerus="yes">
        <source>… and %n lower layer(s)</source>
        <translation>
            <numerusform>……以及下面 %n 层</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>history: %n row(s) — newest: %1</source>
        <translation>
            <numerusform>history：%n 行——最新：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>load: the same %1 layers come back, and all %2 history rows.</source>
        <translation>load：同样的 %1 层回来了，%2 行历史也都在。</translation>
    </message>
    <message>
        <source>import: one flat layer (%1), one history row — the layers and history are gone.</source>
        <translation>import：只有一层（%1）、一行历史——原来的分层和历史都没了。</translation>
    </message>
    <message>
        <source>save: every layer, the config with its history and a manifest go into one tar.</source>
        <translation>save：每一层、带历史的配置和清单都放进一个 tar。</translation>
    </message>
    <message>
        <source>export: the container&apos;s merged view — every layer at once — is written as one flat tar.</source>
        <translation>export：容器的统一视图——所有层合在一起——写成一个扁平的 tar。</translation>
    </message>
    <message numerus="yes">
        <source>image tar: %n layer tar(s) + config + manifest</source>
        <translation>
            <numerusform>镜像 tar：%n 个层 tar + 配置 + 清单</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bootfs</name>
    <message>
        <source>&lt;b&gt;bootfs / rootfs&lt;/b&gt; — one host kernel, every container brings only a rootfs</source>
        <translation>&lt;b&gt;bootfs / rootfs&lt;/b&gt; ——一个宿主机内核，每个容器只带来一个 rootfs</translation>
    </message>
    <message>
        <source>host kernel (bootfs) — shared by all containers</source>
        <translation>宿主机内核（bootfs）——所有容器共用</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Textbook&lt;/b&gt;: an image = bootfs (bootloader + kernel) + rootfs.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Reality&lt;/b&gt;: an image tar holds no kernel, only a rootfs (files: /bin, /etc, /lib …). Every container runs on the host&apos;s kernel.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;教科书&lt;/b&gt;：镜像 = bootfs（引导程序 + 内核）+ rootfs。&lt;/p&gt;&lt;p&gt;&lt;b&gt;实际&lt;/b&gt;：镜像 tar 里没有内核，只有 rootfs（/bin、/etc、/lib 等文件）。每个容器都运行在宿主机的内核上。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Host: &lt;code&gt;uname -r&lt;/code&gt; = &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;宿主机：&lt;code&gt;uname -r&lt;/code&gt; = &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Try: &lt;code&gt;run --rm strata/busybox:latest uname -r&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;试一试：&lt;code&gt;run --rm strata/busybox:latest uname -r&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Inside %1: &lt;code&gt;uname -r&lt;/code&gt; = &lt;b&gt;%2&lt;/b&gt; %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;在 %1 里：&lt;code&gt;uname -r&lt;/code&gt; = &lt;b&gt;%2&lt;/b&gt; %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>— the same kernel ✓</source>
        <translation>——同一个内核 ✓</translation>
    </message>
    <message>
        <source>— differs ✕</source>
        <translation>——不同 ✕</translation>
    </message>
    <message>
        <source>Containers share the host&apos;s kernel; an image brings only its root file system.</source>
        <translation>容器共用宿主机的内核；镜像只带来自己的根文件系统。</translation>
    </message>
    <message>
        <source>No containers yet: run one and it stands here on the kernel.</source>
        <translation>还没有容器：运行一个，它就会站在这条内核上。</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>RW layer</source>
        <translation>读写层</translation>
    </message>
    <message>
        <source>rootfs</source>
        <translation>rootfs</translation>
    </message>
    <message>
        <source>no kernel</source>
        <translation>无内核</translation>
    </message>
    <message>
        <source>syscalls</source>
        <translation>系统调用</translation>
    </message>
    <message>
        <source>uname -r inside the container printed %1 — the host&apos;s own kernel: the image brought none.</source>
        <translation>容器里的 uname -r 输出 %1 ——正是宿主机的内核：镜像没有带来内核。</translation>
    </message>
    <message>
        <source>uname -r inside the container printed %1, the host has %2.</source>
        <translation>容器里的 uname -r 输出 %1，宿主机是 %2。</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>未运行</translation>
    </message>
</context>
<context>
    <name>ClientDaemon</name>
    <message>
        <source>Every command is a request from the client to the engine, answered when the engine is done.</source>
        <translation>每条命令都是客户端发给引擎的一个请求，引擎做完后给出回答。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Client and daemon&lt;/b&gt; — the console asks, the engine does the work</source>
        <translation>&lt;b&gt;客户端与守护进程&lt;/b&gt; ——控制台提问，引擎干活</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>client (docker CLI)</source>
        <translation>客户端（docker 命令行）</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>daemon (dockerd)</source>
        <translation>守护进程（dockerd）</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>存储</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) in the last command</source>
        <translation>
            <numerusform>上一条命令产生 %n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>&lt;b&gt;Textbook vs here.&lt;/b&gt; &lt;code&gt;docker&lt;/code&gt; is only a client: it sends each command to dockerd over /var/run/docker.sock and prints the answer. Here the console is the client and the engine runs on its own thread; &lt;code&gt;strata&lt;/code&gt; in a terminal is client and engine in one process.</source>
        <translation>&lt;b&gt;教科书与这里。&lt;/b&gt;&lt;code&gt;docker&lt;/code&gt; 只是客户端：它通过 /var/run/docker.sock 把每条命令发给 dockerd，再打印回答。这里控制台是客户端，引擎在自己的线程里运行；终端里的 &lt;code&gt;strata&lt;/code&gt; 则是客户端和引擎合在一个进程里。</translation>
    </message>
    <message numerus="yes">
        <source>$ %1   →   exit %2 · %n event(s)</source>
        <translation>
            <numerusform>$ %1   →   退出码 %2 · %n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>The console sends “%1” to the engine, which does the work.</source>
        <translation>控制台把“%1”发给引擎，由引擎来做。</translation>
    </message>
    <message numerus="yes">
        <source>The engine answers: done (exit 0) after %n event(s); the console prints the answer.</source>
        <translation>
            <numerusform>引擎回答：完成（退出码 0），共 %n 个事件；控制台打印回答。</numerusform>
        </translation>
    </message>
    <message>
        <source>The engine answers with an error (exit %1); the console prints its message.</source>
        <translation>引擎回答了一个错误（退出码 %1）；控制台打印它的消息。</translation>
    </message>
</context>
<context>
    <name>Commit</name>
    <message>
        <source>&lt;b&gt;commit&lt;/b&gt; — a container&apos;s read-write layer becomes a new image&apos;s read-only layer</source>
        <translation>&lt;b&gt;commit&lt;/b&gt; ——容器的读写层变成新镜像的一个只读层</translation>
    </message>
    <message>
        <source>&lt;b&gt;commit&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt; — its read-write layer becomes a new image&apos;s read-only layer</source>
        <translation>&lt;b&gt;commit&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt; ——它的读写层变成新镜像的一个只读层</translation>
    </message>
    <message>
        <source>container: image layers + its RW layer</source>
        <translation>容器：镜像各层 + 自己的读写层</translation>
    </message>
    <message>
        <source>container on &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>基于 &lt;b&gt;%1&lt;/b&gt; 的容器</translation>
    </message>
    <message>
        <source>new image: appears on commit</source>
        <translation>新镜像：commit 时出现</translation>
    </message>
    <message>
        <source>new image &lt;b&gt;%1&lt;/b&gt; &lt;code&gt;%2&lt;/code&gt;</source>
        <translation>新镜像 &lt;b&gt;%1&lt;/b&gt; &lt;code&gt;%2&lt;/code&gt;</translation>
    </message>
    <message>
        <source>&amp;lt;none&amp;gt;</source>
        <translation>&amp;lt;none&amp;gt;</translation>
    </message>
    <message>
        <source>Run a container that changes files, then `commit` it: its layer hardens into a new image.</source>
        <translation>运行一个会改文件的容器，再 `commit` 它：它的读写层会固化成新镜像的一层。</translation>
    </message>
    <message>
        <source>RW layer of %1</source>
        <translation>%1 的读写层</translation>
    </message>
    <message>
        <source>C %1 · D %2 · A %3</source>
        <translation>C %1 · D %2 · A %3</translation>
    </message>
    <message numerus="yes">
        <source>history: %n row(s)</source>
        <translation>
            <numerusform>history：%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>the container&apos;s changes, now read-only</source>
        <translation>容器所做的修改，现在只读</translation>
    </message>
    <message>
        <source>The new image is the old layers plus one: %1 layers, and `history` has a new row on top (%2 rows).</source>
        <translation>新镜像 = 原来的各层 + 一层：共 %1 层；`history` 顶上多了一行（共 %2 行）。</translation>
    </message>
    <message>
        <source>commit, phase %1 of %2: %3</source>
        <translation>commit，第 %1/%2 阶段：%3</translation>
    </message>
    <message>
        <source>The container&apos;s changes are written as one layer tar: the layer is now fixed.</source>
        <translation>容器的修改被写成一个层 tar：这一层从此固定。</translation>
    </message>
    <message>
        <source>The read-write layer hardens: locked, read-only, ready to be shared.</source>
        <translation>读写层固化：上锁、只读，可以被共享了。</translation>
    </message>
    <message>
        <source>It slides onto a new image: the same lower layers, shared, plus this one.</source>
        <translation>它滑到新镜像上：下面是同样的、共享的各层，再加上这一层。</translation>
    </message>
    <message>
        <source>committed layer · %1</source>
        <translation>提交出的层 · %1</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>Blob %1 verified: its bytes hash to its name.</source>
        <translation>Blob %1 已校验：内容的哈希与其名字一致。</translation>
    </message>
    <message>
        <source>Blob %1 stored.</source>
        <translation>Blob %1 已存储。</translation>
    </message>
    <message>
        <source>Blob %1 removed.</source>
        <translation>Blob %1 已删除。</translation>
    </message>
    <message>
        <source>Extracting layer %1 of %2.</source>
        <translation>正在解压第 %1 层（共 %2 层）。</translation>
    </message>
    <message>
        <source>Layer %1: %2 files, %3 so far.</source>
        <translation>第 %1 层：已解压 %2 个文件，%3。</translation>
    </message>
    <message>
        <source>Layer %1 extracted: %2 files, %3, stacked on the layers below.</source>
        <translation>第 %1 层解压完成：%2 个文件，%3，叠在下面各层之上。</translation>
    </message>
    <message>
        <source>Layer %1 is already in the store: shared, not copied.</source>
        <translation>第 %1 层已在存储中：共享，不再复制。</translation>
    </message>
    <message>
        <source>Whiteout: this layer hides /%1 from the layers below.</source>
        <translation>白障（whiteout）：这一层遮住了下层的 /%1。</translation>
    </message>
    <message>
        <source>Opaque directory /%1: everything below it is hidden.</source>
        <translation>不透明目录 /%1：下层中它的全部内容都被遮住。</translation>
    </message>
    <message>
        <source>Layer %1 removed: no image uses it any more.</source>
        <translation>层 %1 已删除：不再有镜像使用它。</translation>
    </message>
    <message>
        <source>New layer written: %1 added, %2 modified, %3 deleted.</source>
        <translation>写出新层：新增 %1，修改 %2，删除 %3。</translation>
    </message>
    <message>
        <source>Image %1 loaded.</source>
        <translation>镜像 %1 已载入。</translation>
    </message>
    <message>
        <source>Image %1 saved.</source>
        <translation>镜像 %1 已保存。</translation>
    </message>
    <message>
        <source>Image %1 imported as one flat layer.</source>
        <translation>镜像 %1 已导入为单独一层（扁平）。</translation>
    </message>
    <message>
        <source>Tag %1 now points at image %2.</source>
        <translation>标签 %1 现在指向镜像 %2。</translation>
    </message>
    <message>
        <source>Tag %1 removed.</source>
        <translation>标签 %1 已移除。</translation>
    </message>
    <message>
        <source>Image %1 deleted.</source>
        <translation>镜像 %1 已删除。</translation>
    </message>
    <message>
        <source>Name %1 added.</source>
        <translation>名字 %1 已添加。</translation>
    </message>
    <message>
        <source>Name %1 removed.</source>
        <translation>名字 %1 已移除。</translation>
    </message>
    <message>
        <source>%1: %2 of %3.</source>
        <translation>%1：%2 / %3。</translation>
    </message>
    <message>
        <source>Container %1 gets its own empty read-write layer on top of the image.</source>
        <translation>容器 %1 在镜像之上得到自己的空读写层。</translation>
    </message>
    <message numerus="yes">
        <source>Union mounted (%1): %n read-only layer(s) below, the container&apos;s layer on top, one merged view.</source>
        <translation>
            <numerusform>联合挂载（%1）：下面 %n 个只读层，上面是容器层，合成一个统一视图。</numerusform>
        </translation>
    </message>
    <message>
        <source>Union view unmounted.</source>
        <translation>联合视图已卸载。</translation>
    </message>
    <message>
        <source>Copy-up: %1 copied from layer %2 into the container layer; the lower copy stays.</source>
        <translation>写时复制：%1 从第 %2 层复制到容器层；下层的原件保持不变。</translation>
    </message>
    <message>
        <source>Delete: a whiteout for %1 in the container layer hides layer %2&apos;s copy.</source>
        <translation>删除：容器层中 %1 的白障文件遮住了第 %2 层的那一份。</translation>
    </message>
    <message>
        <source>Opaque directory %1 in the container layer.</source>
        <translation>容器层中的不透明目录 %1。</translation>
    </message>
    <message>
        <source>New file %1 written straight into the container layer.</source>
        <translation>新文件 %1 直接写入容器层。</translation>
    </message>
    <message>
        <source>Container layer: %1 copied up, %2 whiteouts, %3 added.</source>
        <translation>容器层：复制上来 %1 个，白障 %2 个，新增 %3 个。</translation>
    </message>
    <message>
        <source>Container %1 created from %2: the image&apos;s layers plus one empty writable layer.</source>
        <translation>容器 %1 由 %2 创建：镜像的各层加上一个空的可写层。</translation>
    </message>
    <message>
        <source>Container %1: %2 → %3.</source>
        <translation>容器 %1：%2 → %3。</translation>
    </message>
    <message>
        <source>Container %1 runs its command as PID 1 (host PID %2).</source>
        <translation>容器 %1 以 PID 1 运行其命令（宿主机 PID %2）。</translation>
    </message>
    <message>
        <source>Container %1&apos;s process exited with status %2.</source>
        <translation>容器 %1 的进程退出，状态码 %2。</translation>
    </message>
    <message>
        <source>Container %1 renamed to %2.</source>
        <translation>容器 %1 改名为 %2。</translation>
    </message>
    <message>
        <source>Container %1 removed with its writable layer; the image&apos;s layers stay.</source>
        <translation>容器 %1 连同其可写层已删除；镜像的各层仍在。</translation>
    </message>
    <message>
        <source>A new process joins container %1.</source>
        <translation>一个新进程加入了容器 %1。</translation>
    </message>
    <message>
        <source>Volume %1 created: a directory outside every layer.</source>
        <translation>数据卷 %1 已创建：一个在所有层之外的目录。</translation>
    </message>
    <message>
        <source>Volume %1 removed.</source>
        <translation>数据卷 %1 已删除。</translation>
    </message>
    <message>
        <source>Volume %1 filled with the image&apos;s %2 (%3 files).</source>
        <translation>数据卷 %1 填入了镜像中的 %2（%3 个文件）。</translation>
    </message>
    <message>
        <source>Committed: the container&apos;s layer is now a read-only layer of image %1.</source>
        <translation>已提交：容器层现在是镜像 %1 的一个只读层。</translation>
    </message>
    <message>
        <source>Exported the merged file system as one flat tar (%1 entries).</source>
        <translation>已把统一视图导出为一个扁平 tar（%1 个条目）。</translation>
    </message>
    <message>
        <source>Mount %1 → %2 (%3): writes there bypass the container layer.</source>
        <translation>挂载 %1 → %2（%3）：写到那里的内容不经过容器层。</translation>
    </message>
    <message>
        <source>Copied %1 out of the container.</source>
        <translation>已从容器中复制出 %1。</translation>
    </message>
    <message>
        <source>Copied into the container at %1.</source>
        <translation>已复制到容器中的 %1。</translation>
    </message>
    <message>
        <source>Pulled %1 from %2: digest %3.</source>
        <translation>已从 %2 拉取 %1：摘要 %3。</translation>
    </message>
    <message>
        <source>Pushed %1 to %2: digest %3.</source>
        <translation>已将 %1 推送到 %2：摘要 %3。</translation>
    </message>
    <message>
        <source>Layer %1 of %2: %3.</source>
        <translation>%2 的层 %1：%3。</translation>
    </message>
    <message>
        <source>Build context sent to the engine: %1 files, %2.</source>
        <translation>构建上下文已发送给引擎：%1 个文件，%2。</translation>
    </message>
    <message>
        <source>Step %1/%2: %3</source>
        <translation>第 %1/%2 步：%3</translation>
    </message>
    <message>
        <source>Step %1 runs in an intermediate container %2.</source>
        <translation>第 %1 步在中间容器 %2 中运行。</translation>
    </message>
    <message>
        <source>Step %1 committed as image %2 on top of %3.</source>
        <translation>第 %1 步提交为镜像 %2，位于 %3 之上。</translation>
    </message>
    <message>
        <source>Step %1: using cache (image %2 already has this step).</source>
        <translation>第 %1 步：使用缓存（镜像 %2 已包含这一步）。</translation>
    </message>
    <message>
        <source>Step %1 done: image %2.</source>
        <translation>第 %1 步完成：镜像 %2。</translation>
    </message>
    <message>
        <source>Build finished: image %1.</source>
        <translation>构建完成：镜像 %1。</translation>
    </message>
    <message>
        <source>Build failed at step %1: %2</source>
        <translation>构建在第 %1 步失败：%2</translation>
    </message>
    <message>
        <source>Network %1 created: bridge %2 on the host, subnet %3, gateway %4.</source>
        <translation>网络 %1 已创建：宿主机上的网桥 %2，子网 %3，网关 %4。</translation>
    </message>
    <message>
        <source>Network %1 removed: its bridge is gone from the host.</source>
        <translation>网络 %1 已删除：它的网桥从宿主机上消失了。</translation>
    </message>
    <message>
        <source>Container %1 connected to network %2: a veth pair, %3 with address %4 inside.</source>
        <translation>容器 %1 接入网络 %2：一对 veth，容器里是 %3，地址 %4。</translation>
    </message>
    <message>
        <source>Container %1 disconnected from network %2: its veth pair is deleted, %3 is free again.</source>
        <translation>容器 %1 断开网络 %2：它的 veth 对被删除，%3 可以再分配。</translation>
    </message>
    <message>
        <source>Port published: %1:%2 on the host forwards to %3 port %4.</source>
        <translation>端口已发布：宿主机的 %1:%2 转发到 %3 的 %4 端口。</translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <source>A container&apos;s life: create, start, pause, stop, rm. Run a command (or click a state) to see it move.</source>
        <translation>容器的一生：create、start、pause、stop、rm。运行一条命令（或点击一个状态），看它如何变化。</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>no container</source>
        <translation>没有容器</translation>
    </message>
    <message>
        <source>&lt;b&gt;Container lifecycle&lt;/b&gt; — no container yet</source>
        <translation>&lt;b&gt;容器生命周期&lt;/b&gt; —— 还没有容器</translation>
    </message>
    <message>
        <source>&lt;b&gt;Container lifecycle&lt;/b&gt; of &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>&lt;code&gt;%1&lt;/code&gt; 的&lt;b&gt;容器生命周期&lt;/b&gt;</translation>
    </message>
    <message>
        <source>RW layer made, no process</source>
        <translation>已有读写层，没有进程</translation>
    </message>
    <message>
        <source>PID 1 runs</source>
        <translation>PID 1 在运行</translation>
    </message>
    <message>
        <source>frozen by the cgroup freezer</source>
        <translation>被 cgroup freezer 冻结</translation>
    </message>
    <message>
        <source>process ended, files kept</source>
        <translation>进程已结束，文件保留</translation>
    </message>
    <message>
        <source>RW layer deleted</source>
        <translation>读写层已删除</translation>
    </message>
    <message>
        <source>Click to run the command that leads here</source>
        <translation>点击即运行通向这里的命令</translation>
    </message>
    <message>
        <source>Click a state to run the one command that leads there from the lit state.</source>
        <translation>点击一个状态，就会运行从当前（发亮的）状态通向它的那一条命令。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Refused:&lt;/b&gt; no &lt;code&gt;%1&lt;/code&gt; arrow leads from %2 to %3. The engine said:&lt;br&gt;&lt;code&gt;%4&lt;/code&gt;</source>
        <translation>&lt;b&gt;被拒绝：&lt;/b&gt;没有一条 &lt;code&gt;%1&lt;/code&gt; 箭头从“%2”通向“%3”。引擎的原话：&lt;br&gt;&lt;code&gt;%4&lt;/code&gt;</translation>
    </message>
    <message>
        <source>Refused: %1 cannot lead from %2 to %3 — the red dashed arrow does not exist.</source>
        <translation>被拒绝：%1 不能从“%2”到“%3”——红色虚线箭头并不存在。</translation>
    </message>
    <message>
        <source>No single command leads from %1 to %2: follow the arrows.</source>
        <translation>没有哪一条命令能从“%1”直接到“%2”：请沿着箭头走。</translation>
    </message>
    <message>
        <source>create: the image&apos;s layers get one thin read-write layer on top; nothing runs yet.</source>
        <translation>create：在镜像各层之上加一层薄薄的读写层；还没有任何进程运行。</translation>
    </message>
    <message>
        <source>unpause: the freezer thaws every process; they go on where they stopped.</source>
        <translation>unpause：freezer 解冻所有进程，它们从停下的地方继续。</translation>
    </message>
    <message>
        <source>start: the union is mounted and the command runs as PID 1 in new namespaces.</source>
        <translation>start：挂载联合文件系统，命令在新的命名空间里作为 PID 1 运行。</translation>
    </message>
    <message>
        <source>pause: the cgroup freezer stops every process; memory stays, nothing runs.</source>
        <translation>pause：cgroup freezer 冻住所有进程；内存还在，但什么都不运行。</translation>
    </message>
    <message>
        <source>The container&apos;s PID 1 ended: no process left, but its files and layer stay.</source>
        <translation>容器的 PID 1 结束了：没有进程了，但它的文件和读写层都还在。</translation>
    </message>
    <message>
        <source>rm: the read-write layer and the container&apos;s directory are deleted; the image stays.</source>
        <translation>rm：读写层和容器目录被删除；镜像保持不变。</translation>
    </message>
</context>
<context>
    <name>Marks</name>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>whiteout</source>
        <translation>白障</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>opaque</source>
        <translation>不透明</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未改动</translation>
    </message>
</context>
<context>
    <name>RunPhases</name>
    <message>
        <source>RW layer</source>
        <translation>读写层</translation>
    </message>
    <message>
        <source>init layer</source>
        <translation>init 层</translation>
    </message>
    <message>
        <source>union mount</source>
        <translation>联合挂载</translation>
    </message>
    <message>
        <source>namespaces</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>mounts</source>
        <translation>挂载</translation>
    </message>
    <message>
        <source>capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <source>An empty read-write layer is made for the container: everything it writes will land here.</source>
        <translation>为容器建一个空的读写层：它写的一切都会落在这里。</translation>
    </message>
    <message>
        <source>The init layer gets /etc/hostname, /etc/hosts and /etc/resolv.conf, so every container has its own.</source>
        <translation>init 层放入 /etc/hostname、/etc/hosts 和 /etc/resolv.conf，每个容器各有一份。</translation>
    </message>
    <message>
        <source>The image&apos;s layers, the init layer and the RW layer are mounted as one union: the container&apos;s root.</source>
        <translation>镜像各层、init 层和读写层被联合挂载成一个整体：这就是容器的根目录。</translation>
    </message>
    <message>
        <source>The process is cloned into new namespaces: it gets its own PIDs, hostname, mounts and IPC.</source>
        <translation>进程被 clone 进新的命名空间：它有了自己的 PID、主机名、挂载点和 IPC。</translation>
    </message>
    <message>
        <source>/proc, /dev, /sys and the container&apos;s volumes are mounted inside the new mount namespace.</source>
        <translation>在新的挂载命名空间里挂上 /proc、/dev、/sys 和容器的数据卷。</translation>
    </message>
    <message>
        <source>pivot_root makes the union the process&apos;s / — the host&apos;s files are out of its sight.</source>
        <translation>pivot_root 把联合视图变成进程的 / ——宿主机的文件从此看不见了。</translation>
    </message>
    <message>
        <source>Capabilities are dropped to Docker&apos;s default set: root in the container is not root on the host.</source>
        <translation>能力被削减到 Docker 的默认集合：容器里的 root 不等于宿主机上的 root。</translation>
    </message>
    <message>
        <source>exec: the container&apos;s command replaces the runtime as PID 1 — the container is running.</source>
        <translation>exec：容器的命令取代运行时成为 PID 1 ——容器运行起来了。</translation>
    </message>
    <message>
        <source>run = create + start: each box lights as the engine passes that phase.</source>
        <translation>run = create + start：引擎每经过一个阶段，对应的方框就亮起。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; = create + start — the phases the engine really passes</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; = create + start ——引擎真实经过的各个阶段</translation>
    </message>
    <message>
        <source>create</source>
        <translation>create</translation>
    </message>
    <message>
        <source>start</source>
        <translation>start</translation>
    </message>
    <message>
        <source>Type &lt;code&gt;run --name web strata/demo-web:1.0 cat /etc/web.conf&lt;/code&gt; in the console (or turn on step mode first, F9, and press Step for each phase).</source>
        <translation>在控制台输入 &lt;code&gt;run --name web strata/demo-web:1.0 cat /etc/web.conf&lt;/code&gt;（或先按 F9 打开单步模式，每个阶段按一次“单步”）。</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:15px&apos;&gt;The engine: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:15px&apos;&gt;引擎的记录：&lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;PID 1 of the container is host PID &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;容器的 PID 1 在宿主机上是 PID &lt;b&gt;%1&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Phase %1, %2: %3</source>
        <translation>第 %1 阶段，%2：%3</translation>
    </message>
    <message>
        <source>Next: %1.</source>
        <translation>下一步：%1。</translation>
    </message>
    <message>
        <source>Running: every phase done; the command is PID 1 (host PID %1).</source>
        <translation>运行中：所有阶段完成；命令就是 PID 1（宿主机 PID %1）。</translation>
    </message>
    <message>
        <source>The engine stopped here: %1</source>
        <translation>引擎停在这里：%1</translation>
    </message>
    <message>
        <source>Running: the host started the container; its command is PID 1 inside.</source>
        <translation>运行中：主机已启动容器；它的命令在容器内是 PID 1。</translation>
    </message>
</context>
<context>
    <name>Scene</name>
    <message>
        <source>RW %1</source>
        <translation>读写层 %1</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>C %1 · D %2 · A %3</source>
        <translation>C %1 · D %2 · A %3</translation>
    </message>
    <message>
        <source>L%1  %2</source>
        <translation>L%1  %2</translation>
    </message>
    <message>
        <source>extracting… %1 files, %2</source>
        <translation>解压中… %1 个文件，%2</translation>
    </message>
    <message>
        <source>already in the store: shared</source>
        <translation>已在存储中：共享</translation>
    </message>
    <message>
        <source>%1 files · %2</source>
        <translation>%1 个文件 · %2</translation>
    </message>
    <message>
        <source>merged view — what a container sees (nearest layer wins)</source>
        <translation>统一视图 —— 容器看到的样子（就近原则：上层优先）</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n read-only layer(s); the merged view shows, for each path, the nearest layer&apos;s copy.</source>
        <translation>
            <numerusform>%1：%n 个只读层；统一视图中每个路径都取最上面（最近）那一层的版本。</numerusform>
        </translation>
    </message>
    <message>
        <source>hidden by L%1</source>
        <translation>被 L%1 遮住</translation>
    </message>
    <message>
        <source>from L%1</source>
        <translation>来自 L%1</translation>
    </message>
    <message>
        <source>create / run adds the container&apos;s writable layer here</source>
        <translation>create / run 会在这里加上容器的可写层</translation>
    </message>
    <message>
        <source>read-only image layers (nearest first)</source>
        <translation>只读镜像层（近的在前）</translation>
    </message>
    <message>
        <source>the container&apos;s writable layer</source>
        <translation>容器的可写层</translation>
    </message>
    <message>
        <source>overlayfs scratch space for atomic copy-up</source>
        <translation>overlayfs 的工作目录，保证复制上来是原子的</translation>
    </message>
    <message>
        <source>the container&apos;s root: the union</source>
        <translation>容器的根目录：联合视图</translation>
    </message>
    <message>
        <source>layers below the top, nearest first</source>
        <translation>顶层以下各层，近的在前</translation>
    </message>
    <message>
        <source>the top layer, as image inspect reports it</source>
        <translation>顶层（image inspect 的说法）</translation>
    </message>
    <message>
        <source>the union a container will see</source>
        <translation>容器将会看到的联合视图</translation>
    </message>
    <message>
        <source>/%1 is hidden: layer %2&apos;s whiteout deletes it; its bytes still sit in layer %3.</source>
        <translation>/%1 被隐藏：第 %2 层的白障删除了它；它的字节仍留在第 %3 层。</translation>
    </message>
    <message>
        <source>/%1 comes from layer %2 (%3).</source>
        <translation>/%1 来自第 %2 层（%3）。</translation>
    </message>
    <message>
        <source>/%1 comes from layer %2 (%3); it shadows the copy in layer %4 — nearest layer wins.</source>
        <translation>/%1 来自第 %2 层（%3）；它遮住了第 %4 层的那一份 —— 就近原则。</translation>
    </message>
    <message>
        <source>copied from L%1</source>
        <translation>从 L%1 复制</translation>
    </message>
    <message>
        <source>sha %1 → %2</source>
        <translation>sha %1 → %2</translation>
    </message>
    <message>
        <source>whiteout: hides L%1</source>
        <translation>白障：遮住 L%1</translation>
    </message>
    <message>
        <source>new in the container</source>
        <translation>容器中新建</translation>
    </message>
    <message>
        <source>lower copy stays: %1</source>
        <translation>下层原件不变：%1</translation>
    </message>
    <message>
        <source>commit of container %1</source>
        <translation>提交自容器 %1</translation>
    </message>
    <message>
        <source>container %1 (%2): its own writable layer, %3</source>
        <translation>容器 %1（%2）：它自己的可写层，%3</translation>
    </message>
    <message>
        <source>top of %1</source>
        <translation>%1 的最上层</translation>
    </message>
    <message>
        <source>image %1 = the layers below + this one</source>
        <translation>镜像 %1 = 下面这些层 + 这一层</translation>
    </message>
    <message numerus="yes">
        <source>%1&apos;s writable layer (C %2 · D %3 · A %4) sits on the %n read-only layer(s) of %5.</source>
        <translation>
            <numerusform>%1 的可写层（C %2 · D %3 · A %4）位于 %5 的 %n 个只读层之上。</numerusform>
        </translation>
    </message>
    <message>
        <source>commit of %1</source>
        <translation>%1 的 commit</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>已隐藏</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>%1 · %2 s · image %3 drawn</source>
        <translation>%1 · %2 秒 · 绘出镜像 %3</translation>
    </message>
    <message>
        <source>%1 · %2 s · %3</source>
        <translation>%1 · %2 秒 · %3</translation>
    </message>
</context>
<context>
    <name>Volumes</name>
    <message>
        <source>&lt;b&gt;Volumes&lt;/b&gt; — data that lives beside the container, not in it</source>
        <translation>&lt;b&gt;数据卷&lt;/b&gt; ——数据放在容器旁边，而不是容器里</translation>
    </message>
    <message>
        <source>&lt;b&gt;Volumes&lt;/b&gt; of &lt;code&gt;%1&lt;/code&gt; — data beside the container, not in it</source>
        <translation>&lt;code&gt;%1&lt;/code&gt; 的&lt;b&gt;数据卷&lt;/b&gt; ——数据在容器旁边，而不在容器里</translation>
    </message>
    <message>
        <source>merged view: the container&apos;s /</source>
        <translation>统一视图：容器看到的 /</translation>
    </message>
    <message>
        <source>read-write layer</source>
        <translation>读写层</translation>
    </message>
    <message>
        <source>deleted with the container</source>
        <translation>随容器一起删除</translation>
    </message>
    <message numerus="yes">
        <source>image layers + init layer: %n read-only dir(s)</source>
        <translation>
            <numerusform>镜像各层 + init 层：%n 个只读目录</numerusform>
        </translation>
    </message>
    <message>
        <source>Writes under a mount point go down the pipe into the volume (a directory on the host), not into the read-write layer; &lt;code&gt;rm&lt;/code&gt; deletes the container and its layer, the volume stays until &lt;code&gt;volume rm&lt;/code&gt;. &lt;code&gt;commit&lt;/code&gt; and &lt;code&gt;diff&lt;/code&gt; leave mount points out.</source>
        <translation>写到挂载点下的内容顺着管道进入数据卷（宿主机上的一个目录），不进入读写层；&lt;code&gt;rm&lt;/code&gt; 删除容器和它的读写层，数据卷一直保留到 &lt;code&gt;volume rm&lt;/code&gt;。&lt;code&gt;commit&lt;/code&gt; 和 &lt;code&gt;diff&lt;/code&gt; 都不包含挂载点。</translation>
    </message>
    <message>
        <source>Run a container with -v NAME:/dir and write a file there: watch where it lands.</source>
        <translation>用 -v 名字:/目录 运行一个容器并在那里写文件：看看文件落在哪里。</translation>
    </message>
    <message>
        <source>bind mount</source>
        <translation>绑定挂载（bind）</translation>
    </message>
    <message>
        <source>tmpfs (memory)</source>
        <translation>tmpfs（内存）</translation>
    </message>
    <message>
        <source>volume %1</source>
        <translation>数据卷 %1</translation>
    </message>
    <message>
        <source>mount</source>
        <translation>挂载</translation>
    </message>
    <message>
        <source>%1 was written under the mount point: it is in the volume, not in the read-write layer.</source>
        <translation>%1 写在挂载点下：它在数据卷里，不在读写层里。</translation>
    </message>
    <message>
        <source>%1 is mounted at %2: the host directory %3 appears inside the container.</source>
        <translation>%1 挂载到 %2：宿主机目录 %3 出现在容器里。</translation>
    </message>
    <message>
        <source>%1 was written outside any mount: it lands in the read-write layer.</source>
        <translation>%1 写在挂载点之外：它落在读写层里。</translation>
    </message>
    <message>
        <source>rm: the container and its read-write layer are gone; the volume and its files stay.</source>
        <translation>rm：容器和它的读写层没了；数据卷和其中的文件还在。</translation>
    </message>
    <message>
        <source>volume rm %1: now the data is gone too.</source>
        <translation>volume rm %1：现在数据也没有了。</translation>
    </message>
    <message>
        <source>%1 (mount point)</source>
        <translation>%1（挂载点）</translation>
    </message>
    <message>
        <source>%1 is made as an empty directory in the read-write layer: the volume is mounted over it.</source>
        <translation>%1 在读写层里建成一个空目录：数据卷挂载在它上面。</translation>
    </message>
</context>
<context>
    <name>strata::gui::ChartsPanel</name>
    <message>
        <source>Disk use of containers</source>
        <translation>容器的磁盘占用</translation>
    </message>
    <message>
        <source>Layer sizes</source>
        <translation>各层大小</translation>
    </message>
    <message>
        <source>Wasted space</source>
        <translation>浪费的空间</translation>
    </message>
    <message>
        <source>image layers (read-only, shared)</source>
        <translation>镜像层（只读，共享）</translation>
    </message>
    <message>
        <source>the container&apos;s own read-write layer</source>
        <translation>容器自己的可写层</translation>
    </message>
    <message>
        <source>%1: sees %2, owns %3</source>
        <translation>%1：看到 %2，自己只占 %3</translation>
    </message>
    <message>
        <source>without sharing: %1 × image = %2</source>
        <translation>如果不共享：%1 × 镜像 = %2</translation>
    </message>
    <message>
        <source>on disk: image once + own layers = %1</source>
        <translation>实际占用：镜像一份 + 各自的可写层 = %1</translation>
    </message>
    <message>
        <source>image %1 alone: %2</source>
        <translation>只有镜像 %1：%2</translation>
    </message>
    <message>
        <source>No container of %1 yet: each one you create adds only its own thin layer</source>
        <translation>%1 还没有容器：每创建一个，只多出它自己薄薄的一层</translation>
    </message>
    <message>
        <source>One image, many containers: %1 (%2) is stored once</source>
        <translation>一个镜像，多个容器：%1（%2）只存一份</translation>
    </message>
    <message>
        <source>layer content</source>
        <translation>层的内容</translation>
    </message>
    <message>
        <source>L%1 %2 · %3</source>
        <translation>第 %1 层 %2 · %3</translation>
    </message>
    <message>
        <source>Layer sizes of %1: %2 in all (bottom = first layer)</source>
        <translation>%1 各层大小：合计 %2（最下面是第一层）</translation>
    </message>
    <message>
        <source>hidden by an upper layer (wasted)</source>
        <translation>被上层遮住（浪费）</translation>
    </message>
    <message>
        <source>L%1 · %2 hidden</source>
        <translation>第 %1 层 · 被遮住 %2</translation>
    </message>
    <message>
        <source>Wasted space in %1: %2 hidden by upper layers still ships with it</source>
        <translation>%1 中浪费的空间：被上层遮住的 %2 仍随镜像一起分发</translation>
    </message>
</context>
<context>
    <name>strata::gui::ConsoleWidget</name>
    <message>
        <source>(exit status %1)</source>
        <translation>（退出状态 %1）</translation>
    </message>
    <message>
        <source>type a command, e.g. images, history strata/demo-web:1.0, image tree strata/demo-web:1.0 (Tab completes)</source>
        <translation>输入命令，例如 images、history strata/demo-web:1.0、image tree strata/demo-web:1.0（Tab 补全）</translation>
    </message>
    <message>
        <source>Same commands and options as the strata CLI. Up/Down: history. Tab: complete. Ctrl+C: stop the running command.</source>
        <translation>与 strata 命令行相同的命令和选项。上/下：历史。Tab：补全。Ctrl+C：停止正在运行的命令。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>End the running command (Ctrl+C): releases a Step wait, kills the container it started</source>
        <translation>结束正在运行的命令（Ctrl+C）：放开单步等待，杀掉它启动的容器</translation>
    </message>
    <message>
        <source>(detached with Ctrl+P Ctrl+Q: the container keeps running; attach to it again)</source>
        <translation>（已用 Ctrl+P Ctrl+Q 脱离：容器继续运行；attach 可以再接上）</translation>
    </message>
    <message>
        <source>Interactive: keys go to the container. exit (or Ctrl+D) ends the shell; Ctrl+P Ctrl+Q detaches and leaves the container running; Stop kills it.</source>
        <translation>交互模式：按键都发给容器。exit（或 Ctrl+D）结束 shell；Ctrl+P Ctrl+Q 脱离并让容器继续运行；“停止”会杀掉它。</translation>
    </message>
</context>
<context>
    <name>strata::gui::EngineHost</name>
    <message>
        <source>Error: unterminated quote in: %1
</source>
        <translation>错误：引号未闭合：%1
</translation>
    </message>
    <message>
        <source>Error: `events` without --until never ends; the Events panel shows them live.
</source>
        <translation>错误：不带 --until 的 `events` 永不结束；“事件”面板会实时显示它们。
</translation>
    </message>
    <message>
        <source>waiting for Step (F10) or Continue (F8); Stop ends the command</source>
        <translation>等待“单步”（F10）或“继续”（F8）；“停止”结束这条命令</translation>
    </message>
    <message numerus="yes">
        <source>%1: SIGTERM sent; waiting up to %n s for the process to end, then SIGKILL</source>
        <translation>
            <numerusform>%1：已发送 SIGTERM；最多等待 %n 秒让进程结束，之后发送 SIGKILL</numerusform>
        </translation>
    </message>
    <message>
        <source>wait: until %1 stops; Stop (Ctrl+C) cancels</source>
        <translation>wait：等到 %1 停止；停止按钮（Ctrl+C）可取消</translation>
    </message>
    <message>
        <source>Cancelled: no longer waiting for %1 (it keeps running).
</source>
        <translation>已取消：不再等待 %1（它继续运行）。
</translation>
    </message>
    <message>
        <source>Error: `%1` never ends by itself and this console has no terminal for it: leave out -f, or run it in a terminal with the strata CLI.
</source>
        <translation>错误：`%1` 不会自己结束，这个控制台也没有给它的终端：去掉 -f，或者在终端里用 strata 命令行运行。
</translation>
    </message>
    <message>
        <source>Error: no pseudo-terminal for `%1` (/dev/ptmx cannot be opened)
</source>
        <translation>错误：无法为 `%1` 分配伪终端（/dev/ptmx 打不开）
</translation>
    </message>
    <message>
        <source>Error: `%1` needs a terminal and this console has none: leave out -i/-t (or -f), or run it in a terminal with the strata CLI.
</source>
        <translation>错误：`%1` 需要终端，而这个控制台没有终端：去掉 -i/-t（或 -f），或者在终端里用 strata 命令行运行。
</translation>
    </message>
    <message>
        <source>Error: cannot make a pipe for `%1`
</source>
        <translation>错误：无法为 `%1` 创建管道
</translation>
    </message>
</context>
<context>
    <name>strata::gui::EngineWorker</name>
    <message>
        <source>Error: the engine is not open
</source>
        <translation>错误：引擎尚未打开
</translation>
    </message>
</context>
<context>
    <name>strata::gui::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
</context>
<context>
    <name>strata::gui::EventLogWidget</name>
    <message>
        <source>Filter events (type, action, subject, text)…</source>
        <translation>筛选事件（类型、动作、对象、文字）…</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随最新</translation>
    </message>
</context>
<context>
    <name>strata::gui::FileTreeModel</name>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>provided by layer %1</source>
        <translation>由第 %1 层提供</translation>
    </message>
    <message>
        <source>shadows the copy in layer(s) %1</source>
        <translation>遮住第 %1 层的版本</translation>
    </message>
    <message>
        <source>deleted by layer %1 (whiteout)</source>
        <translation>被第 %1 层删除（白障）</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
</context>
<context>
    <name>strata::gui::ImageListModel</name>
    <message>
        <source>Image %1 (id %2)</source>
        <translation>镜像 %1（ID %2）</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>strata::gui::InspectorWidget</name>
    <message>
        <source>Search keys and values…</source>
        <translation>搜索键和值…</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>复制值</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>The path in Go-template form, for inspect --format</source>
        <translation>Go 模板形式的路径，可用于 inspect --format</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>复制 JSON</translation>
    </message>
    <message>
        <source>Select an image to inspect it.</source>
        <translation>选择一个镜像来查看它的详情。</translation>
    </message>
</context>
<context>
    <name>strata::gui::JsonTreeModel</name>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>strata::gui::LayerExplorer</name>
    <message>
        <source>Hidden in the merged view: layer %1 deletes it with a whiteout (%2). Its bytes stay in layer %3.</source>
        <translation>在统一视图中不可见：第 %1 层用白障删除了它（%2）。它的字节仍留在第 %3 层。</translation>
    </message>
    <message>
        <source>This layer holds a whiteout: the path is hidden from every layer above.</source>
        <translation>这一层有一个白障：从这层往上都看不到这个路径。</translation>
    </message>
    <message>
        <source>Provided by layer %1 (%2).</source>
        <translation>由第 %1 层提供（%2）。</translation>
    </message>
    <message>
        <source>Shadows the copy in layer(s) %1: nearest layer wins.</source>
        <translation>遮住第 %1 层的版本：就近原则。</translation>
    </message>
    <message>
        <source>No layer lists this directory itself; it exists because paths below it do.</source>
        <translation>没有哪一层单独列出这个目录；它存在是因为它下面有路径。</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>✔ visible (nearest)</source>
        <translation>✔ 可见（最近）</translation>
    </message>
    <message>
        <source>shadowed / hidden</source>
        <translation>被遮住 / 隐藏</translation>
    </message>
    <message>
        <source>(a directory)</source>
        <translation>（目录）</translation>
    </message>
    <message>
        <source>(no content)</source>
        <translation>（无内容）</translation>
    </message>
    <message>
        <source>%1: too large to preview</source>
        <translation>%1：太大，无法预览</translation>
    </message>
    <message>
        <source>(cannot read: %1)</source>
        <translation>（无法读取：%1）</translation>
    </message>
    <message>
        <source>binary file, %1</source>
        <translation>二进制文件，%1</translation>
    </message>
    <message>
        <source>L%1 copy deleted by L%2</source>
        <translation>L%1 的版本被 L%2 删除</translation>
    </message>
    <message>
        <source>L%1 copy shadowed by L%2</source>
        <translation>L%1 的版本被 L%2 遮住</translation>
    </message>
    <message>
        <source>Find a path (Enter: next match)…</source>
        <translation>查找路径（回车：下一个匹配）…</translation>
    </message>
    <message>
        <source>Marks: %1 · struck-through = not in the merged view</source>
        <translation>标记：%1 · 删除线 = 不在统一视图中</translation>
    </message>
    <message numerus="yes">
        <source>Wasted space: %1 in %n file(s) hidden by later layers</source>
        <translation>
            <numerusform>浪费空间：%1，共 %n 个文件被上层遮住</numerusform>
        </translation>
    </message>
    <message>
        <source>Wasted space</source>
        <translation>浪费的空间</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>In the merged view</source>
        <translation>在统一视图中</translation>
    </message>
    <message>
        <source>Versions of this path across the layers (bottom first)</source>
        <translation>这个路径在各层中的版本（底层在前）</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>L%1 copy hidden in the merged view</source>
        <translation>L%1 的副本在合并视图中被隐藏</translation>
    </message>
</context>
<context>
    <name>strata::gui::LayerStackModel</name>
    <message>
        <source>Merged view</source>
        <translation>统一视图</translation>
    </message>
    <message numerus="yes">
        <source>%n path(s)</source>
        <translation>
            <numerusform>%n 个路径</numerusform>
        </translation>
    </message>
    <message>
        <source>what a container sees: nearest layer wins</source>
        <translation>容器看到的样子：就近原则</translation>
    </message>
    <message>
        <source>The union of all layers, as overlayfs presents it (&quot;merged&quot;).</source>
        <translation>所有层的联合，即 overlayfs 呈现的样子（&quot;merged&quot;）。</translation>
    </message>
    <message>
        <source>L%1  %2</source>
        <translation>L%1  %2</translation>
    </message>
    <message>
        <source>Layer %1 (bottom = 1)
diff_id %2
chain_id %3
created by: %4</source>
        <translation>第 %1 层（最底层 = 1）
diff_id %2
chain_id %3
创建命令：%4</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建命令</translation>
    </message>
</context>
<context>
    <name>strata::gui::LessonPanel</name>
    <message>
        <source>Wipe this lesson's own store and start again at step 1? What you did in this lesson is lost (your own images are not touched).</source>
        <translation>清空本课自己的存储，从第 1 步重新开始？你在本课里做的操作都会丢失（你自己的镜像不受影响）。</translation>
    </message>
    <message>
        <source>Reset the lesson</source>
        <translation>重置课程</translation>
    </message>
    <message>
        <source>Exercise %1: %2</source>
        <translation>练习 %1：%2</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
    <message>
        <source>↺ Retry step</source>
        <translation>↺ 重做这一步</translation>
    </message>
    <message>
        <source>Put the lesson's store back as it was when this step began and start the step again</source>
        <translation>把课程存储恢复到这一步开始时的样子，重新开始这一步</translation>
    </message>
    <message>
        <source>Show hint</source>
        <translation>显示提示</translation>
    </message>
    <message>
        <source>Show solution</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Play for me</source>
        <translation>替我做这一步</translation>
    </message>
    <message>
        <source>The app types this step's commands for you</source>
        <translation>由应用替你输入这一步的命令</translation>
    </message>
    <message>
        <source>Close lesson</source>
        <translation>关闭课程</translation>
    </message>
    <message>
        <source>Leave the lesson: the panels show your own store again</source>
        <translation>离开课程：各面板重新显示你自己的存储</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>A larger lesson panel; Next and Back on PgDn/PgUp and →/← (a presenter's clicker)</source>
        <translation>放大课程面板；PgDn/PgUp 和 →/← 对应下一步/上一步（演示翻页笔）</translation>
    </message>
    <message>
        <source>Jump to a step: the earlier steps are replayed on a clean lesson store</source>
        <translation>跳到某一步：前面的步骤会在干净的课程存储上重放</translation>
    </message>
    <message>
        <source>§ From the notes: &lt;a href=&quot;note&quot;&gt;%1&lt;/a&gt; — “%2”</source>
        <translation>§ 出自笔记：&lt;a href=&quot;note&quot;&gt;%1&lt;/a&gt; —— “%2”</translation>
    </message>
    <message>
        <source>Solution:</source>
        <translation>答案：</translation>
    </message>
    <message>
        <source>Your turn: solve it yourself (Show hint if you are stuck).</source>
        <translation>轮到你了：自己试试（卡住了就点“显示提示”）。</translation>
    </message>
    <message>
        <source>the step's command (other lines run as exploration)</source>
        <translation>这一步的命令（其它命令都当作探索运行）</translation>
    </message>
    <message>
        <source>exploration (not the step's command)</source>
        <translation>探索（不是这一步的命令）</translation>
    </message>
    <message>
        <source>Not yet: that is the step's command, but it ended with exit status %1. Read its error.</source>
        <translation>还没通过：这正是这一步的命令，但它以退出码 %1 结束。看看它的错误信息。</translation>
    </message>
    <message>
        <source>Not yet: that line ran as exploration (it is not this step's command); the step still waits for its command.</source>
        <translation>还没通过：这行命令当作探索运行了（它不是这一步的命令）；这一步还在等它的命令。</translation>
    </message>
    <message>
        <source>The lesson could not be opened: %1</source>
        <translation>无法打开课程：%1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Show the previous step as you left it (the engine is not rolled back)</source>
        <translation>回看上一步离开时的样子（引擎状态不会回退）</translation>
    </message>
    <message>
        <source>⟲ Reset</source>
        <translation>⟲ 重置</translation>
    </message>
    <message>
        <source>Wipe this lesson&apos;s own store and start again at step 1 (your own images are not touched)</source>
        <translation>清空本课自己的存储，从第 1 步重新开始（不会动你自己的镜像）</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Checks on the engine&apos;s real state</source>
        <translation>检查（看引擎的真实状态）</translation>
    </message>
    <message>
        <source>What the commands printed</source>
        <translation>命令的输出</translation>
    </message>
    <message>
        <source>Type the step&apos;s command and press Enter; other lines run as free exploration</source>
        <translation>输入这一步的命令并按回车；其他命令也会运行，算作自由探索</translation>
    </message>
    <message>
        <source>Opening the lesson…</source>
        <translation>正在打开课程…</translation>
    </message>
    <message>
        <source>Lesson %1 · %2</source>
        <translation>第 %1 课 · %2</translation>
    </message>
    <message>
        <source>Exercise · step %1 of %2</source>
        <translation>练习 · 第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Follows the notes: %1 — “%2”</source>
        <translation>对应笔记：%1 —「%2」</translation>
    </message>
    <message>
        <source>Your turn: %1</source>
        <translation>轮到你了：%1</translation>
    </message>
    <message>
        <source>Every command of this step has run. Explore freely, or go on.</source>
        <translation>这一步的命令都已运行。可以自由探索，或者继续。</translation>
    </message>
    <message>
        <source>The app is running this step&apos;s commands…</source>
        <translation>程序正在运行这一步的命令…</translation>
    </message>
    <message>
        <source>free exploration: any strata command</source>
        <translation>自由探索：任意 strata 命令</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>✔ Every check holds: the lesson is complete!</source>
        <translation>✔ 所有检查都通过：本课完成！</translation>
    </message>
    <message>
        <source>✔ Every check holds: press Next.</source>
        <translation>✔ 所有检查都通过：请按“下一步”。</translation>
    </message>
    <message>
        <source>Not yet: that command did not do it (exit status %1). Look at the hint.</source>
        <translation>还不行：这条命令没有做到（退出码 %1）。看看提示。</translation>
    </message>
    <message>
        <source>✘ Not yet: %1</source>
        <translation>✘ 还不行：%1</translation>
    </message>
    <message>
        <source>Not yet: type the step&apos;s command first.</source>
        <translation>还不行：请先输入这一步的命令。</translation>
    </message>
    <message>
        <source>Next opens when every check holds</source>
        <translation>所有检查通过后才能进入下一步</translation>
    </message>
</context>
<context>
    <name>strata::gui::MainWindow</name>
    <message>
        <source>Study note</source>
        <translation>学习笔记</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>数据卷</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>驱动</translation>
    </message>
    <message>
        <source>Mountpoint</source>
        <translation>挂载点</translation>
    </message>
    <message>
        <source>The engine could not open its store: %1</source>
        <translation>引擎无法打开存储：%1</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>无法显示 %1：%2</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>container inspect %1</source>
        <translation>container inspect %1</translation>
    </message>
    <message>
        <source>%1 — phase %2 of %3: %4</source>
        <translation>%1 —— 第 %2 步（共 %3 步）：%4</translation>
    </message>
    <message>
        <source>⏸ waiting for Step</source>
        <translation>⏸ 等待“单步”</translation>
    </message>
    <message>
        <source>step mode</source>
        <translation>单步模式</translation>
    </message>
    <message>
        <source>Strata — a container engine you can watch</source>
        <translation>Strata —— 看得见的容器引擎</translation>
    </message>
    <message>
        <source>Layer explorer</source>
        <translation>分层浏览器</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>数据卷</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Engine</source>
        <translation>引擎(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Load image archive…</source>
        <translation>载入镜像归档(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Save selected image…</source>
        <translation>保存所选镜像(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Engine &amp;info</source>
        <translation>引擎信息(&amp;I)</translation>
    </message>
    <message>
        <source>Step mode</source>
        <translation>单步模式</translation>
    </message>
    <message>
        <source>The engine waits at each phase until you press Step (F9)</source>
        <translation>引擎在每个阶段停下，直到你按“单步”（F9）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Let the engine do its next phase (F10)</source>
        <translation>让引擎执行下一个阶段（F10）</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Leave step mode and run to the end (F8)</source>
        <translation>退出单步模式，一直运行到结束（F8）</translation>
    </message>
    <message>
        <source>Reduced motion (fades instead of moves)</source>
        <translation>减少动画（用淡入淡出代替移动）</translation>
    </message>
    <message>
        <source>High-contrast palette</source>
        <translation>高对比度配色</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>&amp;About Strata</source>
        <translation>关于 Strata(&amp;A)</translation>
    </message>
    <message>
        <source>Switch the interface language (Ctrl+L)</source>
        <translation>切换界面语言（Ctrl+L）</translation>
    </message>
    <message>
        <source> Speed ×%1 </source>
        <translation> 速度 ×%1 </translation>
    </message>
    <message>
        <source>engine starting…</source>
        <translation>引擎启动中…</translation>
    </message>
    <message>
        <source>Opening the image store and making the built-in images…</source>
        <translation>正在打开镜像存储并生成内置镜像…</translation>
    </message>
    <message>
        <source>● running</source>
        <translation>● 运行中</translation>
    </message>
    <message>
        <source>‖ paused</source>
        <translation>‖ 已暂停</translation>
    </message>
    <message>
        <source>■ exited (%1)</source>
        <translation>■ 已退出 (%1)</translation>
    </message>
    <message>
        <source>○ created</source>
        <translation>○ 已创建</translation>
    </message>
    <message>
        <source>driver %1</source>
        <translation>驱动 %1</translation>
    </message>
    <message>
        <source>rootless</source>
        <translation>非 root（rootless）</translation>
    </message>
    <message>
        <source>root</source>
        <translation>root</translation>
    </message>
    <message>
        <source>store %1</source>
        <translation>存储 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 个镜像</numerusform>
        </translation>
    </message>
    <message>
        <source>image inspect %1</source>
        <translation>image inspect %1</translation>
    </message>
    <message>
        <source>layer %1/%2 · %3 files</source>
        <translation>第 %1/%2 层 · %3 个文件</translation>
    </message>
    <message>
        <source>About Strata</source>
        <translation>关于 Strata</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Strata %1&lt;/h3&gt;&lt;p&gt;A container engine you can watch: Docker&apos;s verbs over a real image store, drawn from the engine&apos;s own events.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL v3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Strata %1&lt;/h3&gt;&lt;p&gt;看得见的容器引擎：在真实的镜像存储上使用 Docker 的命令，画面全部来自引擎自己的事件。&lt;/p&gt;&lt;p&gt;以 GNU GPL v3 或更高版本授权。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Load image archive</source>
        <translation>载入镜像归档</translation>
    </message>
    <message>
        <source>Image archives (*.tar *.tar.gz *.tgz);;All files (*)</source>
        <translation>镜像归档 (*.tar *.tar.gz *.tgz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save image archive</source>
        <translation>保存镜像归档</translation>
    </message>
    <message>
        <source>Tar archives (*.tar)</source>
        <translation>Tar 归档 (*.tar)</translation>
    </message>
    <message>
        <source>volume inspect %1</source>
        <translation>volume inspect %1</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>子网</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>network inspect %1</source>
        <translation>network inspect %1</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>lesson store %1</source>
        <translation>课程存储 %1</translation>
    </message>
    <message>
        <source>Lesson %1 · %2</source>
        <translation>第 %1 课 · %2</translation>
    </message>
    <message>
        <source>No lessons: %1</source>
        <translation>没有课程：%1</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Diagrams</source>
        <translation>示意图</translation>
    </message>
    <message>
        <source>&amp;Export view as SVG…</source>
        <translation>将当前视图导出为 SVG(&amp;E)…</translation>
    </message>
    <message>
        <source>The scene, replay frame, chart or diagram shown, as a vector picture for slides (Ctrl+E)</source>
        <translation>把当前显示的场景、回放画面、图表或示意图导出为矢量图，用于幻灯片（Ctrl+E）</translation>
    </message>
    <message>
        <source>Export view as &amp;PNG…</source>
        <translation>将当前视图导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>The scene, replay frame, chart or diagram shown, as an image at twice its size (Ctrl+Shift+E)</source>
        <translation>把当前显示的场景、回放画面、图表或示意图导出为两倍大小的图片（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <source>Show the scenes</source>
        <translation>显示场景</translation>
    </message>
    <message>
        <source>Show the layer explorer</source>
        <translation>显示分层浏览器</translation>
    </message>
    <message>
        <source>Show the charts</source>
        <translation>显示图表</translation>
    </message>
    <message>
        <source>Show the diagrams</source>
        <translation>显示示意图</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>SVG pictures (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation>等待中：%1</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>入门</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What to click first&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Images&lt;/b&gt; (left): click &lt;code&gt;strata/demo-web:1.0&lt;/code&gt;. The centre shows its read-only layers, bottom = L1, and the merged view above them.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Console&lt;/b&gt; (bottom): type &lt;code&gt;run -d --name web strata/demo-web:1.0&lt;/code&gt;. The container&apos;s writable layer appears on its image&apos;s stack.&lt;/li&gt;&lt;li&gt;Type &lt;code&gt;exec web rm /etc/motd&lt;/code&gt;, then switch scenes with the tabs (Copy-on-write, Lifecycle, commit …): each shows the same container from another side.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Lesson&lt;/b&gt; menu: open lesson 1 for a guided tour with checks.&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;Shortcuts&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Ctrl+1 … Ctrl+9&lt;/td&gt;&lt;td&gt;scenes&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Alt+1 … Alt+4&lt;/td&gt;&lt;td&gt;scenes, explorer, charts, diagrams&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F9 / F10 / F8&lt;/td&gt;&lt;td&gt;step mode / Step / Continue&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+C (console)&lt;/td&gt;&lt;td&gt;stop the running command&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Alt+Left / Alt+Right, F6&lt;/td&gt;&lt;td&gt;timeline back / forward, replay&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;presentation mode (Space = Step, Shift+Space = Back, F = Continue, Esc = leave)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+E / Ctrl+Shift+E&lt;/td&gt;&lt;td&gt;export the view as SVG / PNG&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+L&lt;/td&gt;&lt;td&gt;中文 / English&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F1&lt;/td&gt;&lt;td&gt;this page&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;先点哪里&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;左边的&lt;b&gt;镜像&lt;/b&gt;列表：点 &lt;code&gt;strata/demo-web:1.0&lt;/code&gt;。中间显示它的只读层（最底下是 L1），上方是合并视图。&lt;/li&gt;&lt;li&gt;下方的&lt;b&gt;控制台&lt;/b&gt;：输入 &lt;code&gt;run -d --name web strata/demo-web:1.0&lt;/code&gt;。容器的可写层出现在它自己镜像的层栈上。&lt;/li&gt;&lt;li&gt;再输入 &lt;code&gt;exec web rm /etc/motd&lt;/code&gt;，然后用标签页切换场景（写时复制、生命周期、commit……）：每个场景从另一面展示同一个容器。&lt;/li&gt;&lt;li&gt;&lt;b&gt;课程&lt;/b&gt;菜单：打开第 1 课，跟着带检查的导览走。&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;快捷键&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Ctrl+1 … Ctrl+9&lt;/td&gt;&lt;td&gt;各个场景&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Alt+1 … Alt+4&lt;/td&gt;&lt;td&gt;场景、分层浏览器、图表、示意图&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F9 / F10 / F8&lt;/td&gt;&lt;td&gt;单步模式 / 单步 / 继续&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+C（控制台）&lt;/td&gt;&lt;td&gt;停止正在运行的命令&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Alt+Left / Alt+Right, F6&lt;/td&gt;&lt;td&gt;时间线后退 / 前进、回放&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;演示模式（空格 = 单步，Shift+空格 = 后退，F = 继续，Esc = 退出）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+E / Ctrl+Shift+E&lt;/td&gt;&lt;td&gt;把视图导出为 SVG / PNG&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+L&lt;/td&gt;&lt;td&gt;中文 / English&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F1&lt;/td&gt;&lt;td&gt;本页&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>&amp;Build image…</source>
        <translation>构建镜像(&amp;B)…</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <source>Lessons run on Strata&apos;s own engine: switch to it (Engine: in the toolbar) to open lesson %1.</source>
        <translation>课程在 Strata 自己的引擎上运行：请先（在工具栏的“引擎：”中）切换过去，再打开第 %1 课。</translation>
    </message>
    <message>
        <source>Not on a real host: this works on Strata&apos;s own engine only (Engine: in the toolbar switches)</source>
        <translation>真实主机上不可用：这只适用于 Strata 自己的引擎（在工具栏的“引擎：”中切换）</translation>
    </message>
    <message>
        <source>Lessons run on Strata&apos;s own engine, in a store of their own</source>
        <translation>课程在 Strata 自己的引擎上、在课程专用的存储中运行</translation>
    </message>
    <message>
        <source>A real host runs its own steps: it cannot wait for Step</source>
        <translation>真实主机按自己的步骤运行：它不会等待“单步”</translation>
    </message>
</context>
<context>
    <name>strata::gui::NoteView</name>
    <message>
        <source>The note %1 is not installed here (looked in %2).</source>
        <translation>这里没有安装笔记 %1（查找位置：%2）。</translation>
    </message>
    <message>
        <source>no notes directory</source>
        <translation>没有笔记目录</translation>
    </message>
</context>
<context>
    <name>strata::gui::ScenePanel</name>
    <message>
        <source>Layer stack</source>
        <translation>分层栈</translation>
    </message>
    <message>
        <source>Copy-on-write</source>
        <translation>写时复制</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>run = create + start</source>
        <translation>run = create + start</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>commit</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>数据卷</translation>
    </message>
    <message>
        <source>bootfs / rootfs</source>
        <translation>bootfs / rootfs</translation>
    </message>
    <message>
        <source>Client–daemon</source>
        <translation>客户端–守护进程</translation>
    </message>
    <message>
        <source>save vs export</source>
        <translation>save 与 export</translation>
    </message>
    <message>
        <source>pull / push</source>
        <translation>pull / push（拉取与推送）</translation>
    </message>
    <message>
        <source>&amp;Scenes</source>
        <translation>场景(&amp;S)</translation>
    </message>
    <message>
        <source>build</source>
        <translation>构建</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
</context>
<context>
    <name>strata::gui::TimelineDock</name>
    <message>
        <source>Replay %1/%2 — %3</source>
        <translation>回放 %1/%2 — %3</translation>
    </message>
    <message>
        <source>No events yet: run a command.</source>
        <translation>还没有事件：先运行一条命令。</translation>
    </message>
    <message>
        <source>Live — </source>
        <translation>实时 — </translation>
    </message>
    <message>
        <source>Replay — </source>
        <translation>回放 — </translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>时间线(&amp;T)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开头</translation>
    </message>
    <message>
        <source>Rewind the drawing to the session&apos;s first event (Alt+Home)</source>
        <translation>把画面倒回到本次会话的第一个事件（Alt+Home）</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>One event back: the drawing is rebuilt, the engine is not touched (Alt+Left)</source>
        <translation>后退一个事件：只重建画面，不动引擎（Alt+Left）</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Replay the drawing from here at the chosen speed (F6)</source>
        <translation>按所选速度从这里回放画面（F6）</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>One event forward, animated (Alt+Right)</source>
        <translation>前进一个事件，带动画（Alt+Right）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Back to the present: the live scene (Alt+End)</source>
        <translation>回到现在：实时场景（Alt+End）</translation>
    </message>
    <message>
        <source>Every event of this session: drag to rewind the drawing</source>
        <translation>本次会话的每个事件：拖动以倒回画面</translation>
    </message>
    <message>
        <source>Timeline position</source>
        <translation>时间线位置</translation>
    </message>
    <message>
        <source>&amp;Speed</source>
        <translation>速度(&amp;S)</translation>
    </message>
</context>
<context>
    <name>Build</name>
    <message>
        <source>&lt;b&gt;build&lt;/b&gt; — FROM, then for each step: run a container, change files, commit a layer</source>
        <translation>&lt;b&gt;build&lt;/b&gt; ——先 FROM，然后每一步：运行容器、改文件、提交一层</translation>
    </message>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>strata build</source>
        <translation>strata build</translation>
    </message>
    <message>
        <source>engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>runs each step</source>
        <translation>执行每一步</translation>
    </message>
    <message>
        <source>build context</source>
        <translation>构建上下文</translation>
    </message>
    <message>
        <source>build context · %1</source>
        <translation>构建上下文 · %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dockerfile&lt;/b&gt;: one step per instruction</source>
        <translation>&lt;b&gt;Dockerfile&lt;/b&gt;：每条指令一步</translation>
    </message>
    <message>
        <source>&lt;b&gt;history&lt;/b&gt; of the newest image, step by step</source>
        <translation>最新镜像的 &lt;b&gt;history&lt;/b&gt;：做出它的各步</translation>
    </message>
    <message>
        <source>&lt;b&gt;image&lt;/b&gt;: empty (scratch)</source>
        <translation>&lt;b&gt;镜像&lt;/b&gt;：空（scratch）</translation>
    </message>
    <message>
        <source>&lt;b&gt;image&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>&lt;b&gt;镜像&lt;/b&gt; &lt;code&gt;%1&lt;/code&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;config&lt;/b&gt;</source>
        <translation>&lt;b&gt;配置&lt;/b&gt;</translation>
    </message>
    <message>
        <source>⟲ &lt;b&gt;Using cache&lt;/b&gt;: this step&apos;s image already exists</source>
        <translation>⟲ &lt;b&gt;Using cache&lt;/b&gt;：这一步的镜像已经存在</translation>
    </message>
    <message>
        <source>Build an image (Build… or `build -t NAME DIR` in the console): each step runs and commits.</source>
        <translation>构建一个镜像（“构建镜像…”或在控制台输入 `build -t 名字 目录`）：每一步运行并提交。</translation>
    </message>
    <message>
        <source>RUN in %1</source>
        <translation>RUN 于容器 %1</translation>
    </message>
    <message>
        <source>%1 failed, kept</source>
        <translation>%1 失败，保留</translation>
    </message>
    <message>
        <source>%1 committed</source>
        <translation>%1 已提交</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>The client sends the build context (%1 files, %2) to the engine, which reads the Dockerfile: %3 steps.</source>
        <translation>客户端把构建上下文（%1 个文件，%2）发给引擎，引擎读取 Dockerfile：共 %3 步。</translation>
    </message>
    <message>
        <source>Step %1/%2 : %3</source>
        <translation>Step %1/%2 : %3</translation>
    </message>
    <message>
        <source>RUN: a container of the image so far runs %1; what it writes lands in its read-write layer.</source>
        <translation>RUN：用目前的镜像起一个容器执行 %1；它写的东西落在它的读写层里。</translation>
    </message>
    <message>
        <source>Metadata only: no layer is added; only the config changes (history row, 0 B).</source>
        <translation>只改元数据：不加层，只有配置变了（history 一行，0 B）。</translation>
    </message>
    <message>
        <source>Committed: the step&apos;s changes harden into a new read-only layer on the stack.</source>
        <translation>已提交：这一步的改动固化成栈上新的一个只读层。</translation>
    </message>
    <message>
        <source>Using cache: an image made by the same step on the same parent exists; nothing runs.</source>
        <translation>Using cache：同一父镜像上同一步做出的镜像已存在，什么也不执行。</translation>
    </message>
    <message>
        <source>Successfully built %1 %2: its layers are the stack; each row of `history` is a step.</source>
        <translation>构建成功 %1 %2：它的各层就是这个栈；`history` 的每一行是一步。</translation>
    </message>
    <message>
        <source>The build stopped: %1 Nothing is tagged.</source>
        <translation>构建中止：%1 没有打任何标签。</translation>
    </message>
</context>
<context>
    <name>strata::gui::BuildDialog</name>
    <message>
        <source>Build an image</source>
        <translation>构建镜像</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>构建</translation>
    </message>
    <message>
        <source>Context folder:</source>
        <translation>上下文目录：</translation>
    </message>
    <message>
        <source>Name (-t):</source>
        <translation>名字（-t）：</translation>
    </message>
    <message>
        <source>Dockerfile (saved into the folder when you build):</source>
        <translation>Dockerfile（构建时保存到该目录）：</translation>
    </message>
    <message>
        <source>Build context</source>
        <translation>构建上下文</translation>
    </message>
    <message>
        <source>Context folder &quot;%1&quot; does not exist.</source>
        <translation>上下文目录“%1”不存在。</translation>
    </message>
    <message>
        <source>Cannot write the Dockerfile: %1</source>
        <translation>无法写入 Dockerfile：%1</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>Create a network, run containers on it, publish a port: watch the cables and doors appear.</source>
        <translation>建一个网络，在上面运行容器，发布一个端口：看网线和门出现。</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>宿主机</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bar&lt;/b&gt;: a bridge, a switch on the host.&lt;br&gt;&lt;b&gt;Cable&lt;/b&gt;: a veth pair, one end in the container.&lt;br&gt;&lt;b&gt;Door&lt;/b&gt;: a published port (DNAT).</source>
        <translation>&lt;b&gt;横条&lt;/b&gt;：网桥，宿主机上的交换机。&lt;br&gt;&lt;b&gt;网线&lt;/b&gt;：一对 veth，一头在容器里。&lt;br&gt;&lt;b&gt;门&lt;/b&gt;：发布的端口（DNAT）。</translation>
    </message>
    <message>
        <source>iptables NAT · ip_forward</source>
        <translation>iptables NAT · ip_forward</translation>
    </message>
    <message>
        <source>&lt;b&gt;Textbook vs here.&lt;/b&gt; Docker&apos;s default bridge is docker0; here it is &lt;code&gt;strata0&lt;/code&gt;. Each container gets a veth pair: one end is its eth0, the other is plugged into the bridge. &lt;code&gt;-p&lt;/code&gt; adds DNAT rules on the host, no proxy process. On a user-defined network the engine writes every peer&apos;s name into &lt;code&gt;/etc/hosts&lt;/code&gt; (Docker answers from a DNS server at 127.0.0.11); the default bridge resolves no names.</source>
        <translation>&lt;b&gt;教科书与这里。&lt;/b&gt;Docker 的默认网桥是 docker0，这里是 &lt;code&gt;strata0&lt;/code&gt;。每个容器有一对 veth：一头是它的 eth0，另一头插在网桥上。&lt;code&gt;-p&lt;/code&gt; 在宿主机上加 DNAT 规则，没有代理进程。自定义网络上，引擎把每个同伴的名字写进 &lt;code&gt;/etc/hosts&lt;/code&gt;（Docker 用 127.0.0.11 上的 DNS 服务器应答）；默认网桥不解析名字。</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <source>%1 · %2 · gw %3</source>
        <translation>%1 · %2 · 网关 %3</translation>
    </message>
    <message>
        <source>→ %1 (+%2)</source>
        <translation>→ %1（另 %2 个）</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>%1 asks for “%2”: on the default bridge no name is resolved (no line for it in /etc/hosts), so nothing is sent.</source>
        <translation>%1 要找“%2”：默认网桥上不解析名字（/etc/hosts 里没有它），什么也发不出去。</translation>
    </message>
    <message>
        <source>%1 → %2: out of %1&apos;s eth0, through its veth into the bridge of %3 …</source>
        <translation>%1 → %2：从 %1 的 eth0 出去，经它的 veth 进入 %3 的网桥……</translation>
    </message>
    <message>
        <source>… and down %2&apos;s veth: %1 reaches %2 across %3, and the answer comes back the same way.</source>
        <translation>……再顺着 %2 的 veth 下去：%1 经 %3 到达 %2，应答原路返回。</translation>
    </message>
    <message>
        <source>network create %1: a new bridge %2 on the host, subnet %3, the gateway %4 on the bridge itself.</source>
        <translation>network create %1：宿主机上多了网桥 %2，子网 %3，网关 %4 配在网桥上。</translation>
    </message>
    <message>
        <source>network rm %1: its bridge is deleted from the host.</source>
        <translation>network rm %1：它的网桥从宿主机上删除了。</translation>
    </message>
    <message>
        <source>%1 plugged into %2: a veth pair, %3 inside the container with %4, the other end on the bridge %5.</source>
        <translation>%1 接入 %2：一对 veth，容器里的一头是 %3（地址 %4），另一头插在网桥 %5 上。</translation>
    </message>
    <message>
        <source>%1 unplugged from %2: its veth pair is deleted and its address goes back to the pool.</source>
        <translation>%1 从 %2 拔下：它的 veth 对被删除，地址还回地址池。</translation>
    </message>
    <message>
        <source>Port published: %1 on the host leads to %2 port %3 (a DNAT rule, no process listens on the host).</source>
        <translation>端口已发布：宿主机的 %1 通往 %2 的 %3 端口（一条 DNAT 规则，宿主机上没有进程在听）。</translation>
    </message>
    <message numerus="yes">
        <source>+%n more container(s) on these networks, not drawn</source>
        <translation>
            <numerusform>这些网络上还有 %n 个容器，没有画出</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::HostBanner</name>
    <message>
        <source>⟳ Reconnecting to %1 (attempt %2)…</source>
        <translation>⟳ 正在重新连接 %1（第 %2 次尝试）…</translation>
    </message>
    <message>
        <source>⟳ Connecting to %1…</source>
        <translation>⟳ 正在连接 %1…</translation>
    </message>
    <message>
        <source>⛁ %1 at %2 — engine %3 (Engine API %4). Changes made on the host show here live; Strata&apos;s own store is not touched.</source>
        <translation>⛁ %1，位于 %2 — 引擎 %3（Engine API %4）。主机上的变化会实时显示在这里；Strata 自己的存储不会被改动。</translation>
    </message>
    <message numerus="yes">
        <source>⚠ No connection to %1: %2 — next attempt in %n s.</source>
        <translation>
            <numerusform>⚠ 与 %1 的连接已断开：%2 — %n 秒后再次尝试。</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ Cannot use this host: %1</source>
        <translation>⚠ 无法使用这个主机：%1</translation>
    </message>
</context>
<context>
    <name>strata::gui::HostSwitcher</name>
    <message>
        <source>Show a remote engine</source>
        <translation>显示远程引擎</translation>
    </message>
    <message>
        <source>Engine API address (unix:///PATH, tcp://HOST:PORT, ssh://USER@HOST):</source>
        <translation>Engine API 地址（unix:///路径、tcp://主机:端口、ssh://用户@主机）：</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation>引擎：</translation>
    </message>
    <message>
        <source>Strata&apos;s own engine</source>
        <translation>Strata 自己的引擎</translation>
    </message>
    <message>
        <source>The images and containers in Strata&apos;s store; every scene and lesson works here</source>
        <translation>Strata 存储中的镜像和容器；所有场景和课程都在这里可用</translation>
    </message>
    <message>
        <source>Docker (%1)</source>
        <translation>Docker（%1）</translation>
    </message>
    <message>
        <source>The Docker daemon on this machine, through its Engine API socket</source>
        <translation>本机的 Docker 守护进程，通过它的 Engine API 套接字</translation>
    </message>
    <message>
        <source>Podman (%1)</source>
        <translation>Podman（%1）</translation>
    </message>
    <message>
        <source>Podman&apos;s Docker-compatible API service (podman system service)</source>
        <translation>Podman 的 Docker 兼容 API 服务（podman system service）</translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation>远程：%1</translation>
    </message>
    <message>
        <source>Remote URL…</source>
        <translation>远程地址…</translation>
    </message>
    <message>
        <source>Another engine by its address: unix://, tcp:// (TLS with DOCKER_TLS_VERIFY) or ssh://</source>
        <translation>按地址连接另一个引擎：unix://、tcp://（设置 DOCKER_TLS_VERIFY 时用 TLS）或 ssh://</translation>
    </message>
    <message>
        <source>Which engine the lists, scenes and console show</source>
        <translation>列表、场景和控制台显示哪个引擎的内容</translation>
    </message>
</context>
<context>
    <name>strata::gui::HostWorker</name>
    <message>
        <source>the host is not connected</source>
        <translation>主机未连接</translation>
    </message>
</context>
</TS>
