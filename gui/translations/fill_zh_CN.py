#!/usr/bin/env python3
# Writes the Chinese translations into strata_gui_zh_CN.ts after `lupdate`
# (ninja strata_gui_lupdate) and marks the English file finished.
# Usage: gui/translations/fill_zh_CN.py   (from the repository root)
import html
import os
import re
import sys

ZH = {
 'Blob %1 verified: its bytes hash to its name.': 'Blob %1 已校验：内容的哈希与其名字一致。',
 'Blob %1 stored.': 'Blob %1 已存储。',
 'Blob %1 removed.': 'Blob %1 已删除。',
 'Extracting layer %1 of %2.': '正在解压第 %1 层（共 %2 层）。',
 'Layer %1: %2 files, %3 so far.': '第 %1 层：已解压 %2 个文件，%3。',
 'Layer %1 extracted: %2 files, %3, stacked on the layers below.': '第 %1 层解压完成：%2 个文件，%3，叠在下面各层之上。',
 'Layer %1 is already in the store: shared, not copied.': '第 %1 层已在存储中：共享，不再复制。',
 'Whiteout: this layer hides /%1 from the layers below.': '白障（whiteout）：这一层遮住了下层的 /%1。',
 'Opaque directory /%1: everything below it is hidden.': '不透明目录 /%1：下层中它的全部内容都被遮住。',
 'Layer %1 removed: no image uses it any more.': '层 %1 已删除：不再有镜像使用它。',
 'New layer written: %1 added, %2 modified, %3 deleted.': '写出新层：新增 %1，修改 %2，删除 %3。',
 'Image %1 loaded.': '镜像 %1 已载入。',
 'Image %1 saved.': '镜像 %1 已保存。',
 'Image %1 imported as one flat layer.': '镜像 %1 已导入为单独一层（扁平）。',
 'Tag %1 now points at image %2.': '标签 %1 现在指向镜像 %2。',
 'Tag %1 removed.': '标签 %1 已移除。',
 'Image %1 deleted.': '镜像 %1 已删除。',
 'Name %1 added.': '名字 %1 已添加。',
 'Name %1 removed.': '名字 %1 已移除。',
 '%1: %2 of %3.': '%1：%2 / %3。',
 'Container %1 gets its own empty read-write layer on top of the image.': '容器 %1 在镜像之上得到自己的空读写层。',
 "Union mounted (%1): %2 read-only layers below, the container's layer on top, one merged view.": '联合挂载（%1）：下面 %2 个只读层，上面是容器层，合成一个统一视图。',
 'Union view unmounted.': '联合视图已卸载。',
 'Copy-up: %1 copied from layer %2 into the container layer; the lower copy stays.': '写时复制：%1 从第 %2 层复制到容器层；下层的原件保持不变。',
 "Delete: a whiteout for %1 in the container layer hides layer %2's copy.": '删除：容器层中 %1 的白障文件遮住了第 %2 层的那一份。',
 'Opaque directory %1 in the container layer.': '容器层中的不透明目录 %1。',
 'New file %1 written straight into the container layer.': '新文件 %1 直接写入容器层。',
 'Container layer: %1 copied up, %2 whiteouts, %3 added.': '容器层：复制上来 %1 个，白障 %2 个，新增 %3 个。',
 "Container %1 created from %2: the image's layers plus one empty writable layer.": '容器 %1 由 %2 创建：镜像的各层加上一个空的可写层。',
 'Container %1: %2 → %3.': '容器 %1：%2 → %3。',
 'Container %1 runs its command as PID 1 (host PID %2).': '容器 %1 以 PID 1 运行其命令（宿主机 PID %2）。',
 "Container %1's process exited with status %2.": '容器 %1 的进程退出，状态码 %2。',
 'Container %1 renamed to %2.': '容器 %1 改名为 %2。',
 "Container %1 removed with its writable layer; the image's layers stay.": '容器 %1 连同其可写层已删除；镜像的各层仍在。',
 'A new process joins container %1.': '一个新进程加入了容器 %1。',
 'Volume %1 created: a directory outside every layer.': '数据卷 %1 已创建：一个在所有层之外的目录。',
 'Volume %1 removed.': '数据卷 %1 已删除。',
 "Volume %1 filled with the image's %2 (%3 files).": '数据卷 %1 填入了镜像中的 %2（%3 个文件）。',
 "Committed: the container's layer is now a read-only layer of image %1.": '已提交：容器层现在是镜像 %1 的一个只读层。',
 'Exported the merged file system as one flat tar (%1 entries).': '已把统一视图导出为一个扁平 tar（%1 个条目）。',
 'commit of container %1': '提交自容器 %1',
 'Mount %1 → %2 (%3): writes there bypass the container layer.': '挂载 %1 → %2（%3）：写到那里的内容不经过容器层。',
 'Copied %1 out of the container.': '已从容器中复制出 %1。',
 'Copied into the container at %1.': '已复制到容器中的 %1。',
 'added': '新增', 'modified': '修改', 'whiteout': '白障', 'deleted': '已删除', 'opaque': '不透明', 'unchanged': '未改动',
 'RW %1': '读写层 %1',
 'empty': '空',
 'M %1 · D %2 · A %3': 'M %1 · D %2 · A %3',
 'L%1  %2': 'L%1  %2',
 'extracting… %1 files, %2': '解压中… %1 个文件，%2',
 'already in the store: shared': '已在存储中：共享',
 '%1 files · %2': '%1 个文件 · %2',
 'merged view — what a container sees (nearest layer wins)': '统一视图 —— 容器看到的样子（就近原则：上层优先）',
 "%1: %2 read-only layers; the merged view shows, for each path, the nearest layer's copy.": '%1：%2 个只读层；统一视图中每个路径都取最上面（最近）那一层的版本。',
 'hidden by L%1': '被 L%1 遮住',
 'from L%1': '来自 L%1',
 "create / run adds the container's writable layer here": 'create / run 会在这里加上容器的可写层',
 'read-only image layers (nearest first)': '只读镜像层（近的在前）',
 "the container's writable layer": '容器的可写层',
 'overlayfs scratch space for atomic copy-up': 'overlayfs 的工作目录，保证复制上来是原子的',
 "the container's root: the union": '容器的根目录：联合视图',
 'layers below the top, nearest first': '顶层以下各层，近的在前',
 'the top layer, as image inspect reports it': '顶层（image inspect 的说法）',
 'the union a container will see': '容器将会看到的联合视图',
 "/%1 is hidden: layer %2's whiteout deletes it; its bytes still sit in layer %3.": '/%1 被隐藏：第 %2 层的白障删除了它；它的字节仍留在第 %3 层。',
 '/%1 comes from layer %2 (%3).': '/%1 来自第 %2 层（%3）。',
 '/%1 comes from layer %2 (%3); it shadows the copy in layer %4 — nearest layer wins.': '/%1 来自第 %2 层（%3）；它遮住了第 %4 层的那一份 —— 就近原则。',
 'copied from L%1': '从 L%1 复制',
 'sha %1 → %2': 'sha %1 → %2',
 'whiteout: hides L%1': '白障：遮住 L%1',
 'new in the container': '容器中新建',
 'lower copy stays: %1': '下层原件不变：%1',
 '(exit status %1)': '（退出状态 %1）',
 'type a command, e.g. images, history strata/demo-web:1.0, image tree strata/demo-web:1.0 (Tab completes)': '输入命令，例如 images、history strata/demo-web:1.0、image tree strata/demo-web:1.0（Tab 补全）',
 'Same commands and options as the strata CLI. Up/Down: history. Tab: complete.': '与 strata 命令行相同的命令和选项。上/下：历史。Tab：补全。',
 'Error: unterminated quote in: %1\n': '错误：引号未闭合：%1\n',
 'Error: `events` without --until never ends; the Events panel shows them live.\n': '错误：不带 --until 的 `events` 永不结束；“事件”面板会实时显示它们。\n',
 'Error: the engine is not open\n': '错误：引擎尚未打开\n',
 'Time': '时间', 'Type': '类型', 'Action': '动作', 'Subject': '对象', 'What happened': '发生了什么',
 'Filter events (type, action, subject, text)…': '筛选事件（类型、动作、对象、文字）…',
 'Follow': '跟随最新',
 'L%1': 'L%1',
 'provided by layer %1': '由第 %1 层提供',
 'shadows the copy in layer(s) %1': '遮住第 %1 层的版本',
 'deleted by layer %1 (whiteout)': '被第 %1 层删除（白障）',
 'Path': '路径', 'Mark': '标记', 'Size': '大小', 'Layer': '层',
 'Image %1 (id %2)': '镜像 %1（ID %2）',
 'Image': '镜像', 'ID': 'ID',
 'Search keys and values…': '搜索键和值…',
 'Copy value': '复制值', 'Copy path': '复制路径',
 'The path in Go-template form, for inspect --format': 'Go 模板形式的路径，可用于 inspect --format',
 'Copy JSON': '复制 JSON',
 'Select an image to inspect it.': '选择一个镜像来查看它的详情。',
 'error': '错误', 'not valid JSON': '不是有效的 JSON',
 'Key': '键', 'Value': '值',
 'Hidden in the merged view: layer %1 deletes it with a whiteout (%2). Its bytes stay in layer %3.': '在统一视图中不可见：第 %1 层用白障删除了它（%2）。它的字节仍留在第 %3 层。',
 'This layer holds a whiteout: the path is hidden from every layer above.': '这一层有一个白障：从这层往上都看不到这个路径。',
 'Provided by layer %1 (%2).': '由第 %1 层提供（%2）。',
 'Shadows the copy in layer(s) %1: nearest layer wins.': '遮住第 %1 层的版本：就近原则。',
 'No layer lists this directory itself; it exists because paths below it do.': '没有哪一层单独列出这个目录；它存在是因为它下面有路径。',
 '✔ visible (nearest)': '✔ 可见（最近）',
 'shadowed / hidden': '被遮住 / 隐藏',
 '(a directory)': '（目录）',
 '(no content)': '（无内容）',
 '%1: too large to preview': '%1：太大，无法预览',
 '(cannot read: %1)': '（无法读取：%1）',
 'binary file, %1': '二进制文件，%1',
 'L%1 copy deleted by L%2': 'L%1 的版本被 L%2 删除',
 'L%1 copy shadowed by L%2': 'L%1 的版本被 L%2 遮住',
 'Find a path (Enter: next match)…': '查找路径（回车：下一个匹配）…',
 'Marks: %1 · struck-through = not in the merged view': '标记：%1 · 删除线 = 不在统一视图中',
 'Wasted space: %1 in %n file(s) hidden by later layers': '浪费空间：%1，共 %n 个文件被上层遮住',
 'Wasted space': '浪费空间',
 'Bytes': '字节', 'Cause': '原因',
 'In the merged view': '在统一视图中',
 'Versions of this path across the layers (bottom first)': '这个路径在各层中的版本（底层在前）',
 'Content': '内容',
 'Merged view': '统一视图',
 '%n path(s)': '%n 个路径',
 'what a container sees: nearest layer wins': '容器看到的样子：就近原则',
 'The union of all layers, as overlayfs presents it ("merged").': '所有层的联合，即 overlayfs 呈现的样子（"merged"）。',
 'Layer %1 (bottom = 1)\ndiff_id %2\nchain_id %3\ncreated by: %4': '第 %1 层（最底层 = 1）\ndiff_id %2\nchain_id %3\n创建命令：%4',
 'Changes': '变更', 'Created by': '创建命令',
 'Name': '名称', 'Status': '状态',
 'Volume': '数据卷', 'Driver': '驱动', 'Mountpoint': '挂载点',
 'The engine could not open its store: %1': '引擎无法打开存储：%1',
 'Cannot show %1: %2': '无法显示 %1：%2',
 'Event': '事件',
 'container inspect %1': 'container inspect %1',
 'volume inspect %1': 'volume inspect %1',
 '%1 — phase %2 of %3: %4': '%1 —— 第 %2 步（共 %3 步）：%4',
 '⏸ waiting for Step': '⏸ 等待“单步”',
 'step mode': '单步模式',
 'Strata — a container engine you can watch': 'Strata —— 看得见的容器引擎',
 'Layer stack': '分层栈', 'Layer explorer': '分层浏览器',
 'Images': '镜像', 'Containers': '容器', 'Volumes': '数据卷', 'Inspector': '详情', 'Console': '控制台', 'Events': '事件',
 'Step': '单步',
 '&File': '文件(&F)', '&View': '视图(&V)', '&Lesson': '课程(&L)', '&Engine': '引擎(&E)', '&Help': '帮助(&H)',
 '&Load image archive…': '载入镜像归档(&L)…',
 '&Save selected image…': '保存所选镜像(&S)…',
 '&Quit': '退出(&Q)',
 '&Refresh': '刷新(&R)',
 'Engine &info': '引擎信息(&I)',
 'Step mode': '单步模式',
 'The engine waits at each phase until you press Step (F9)': '引擎在每个阶段停下，直到你按“单步”（F9）',
 '▶ Step': '▶ 单步',
 'Let the engine do its next phase (F10)': '让引擎执行下一个阶段（F10）',
 '▶▶ Continue': '▶▶ 继续',
 'Leave step mode and run to the end (F8)': '退出单步模式，一直运行到结束（F8）',
 'Reduced motion (fades instead of moves)': '减少动画（用淡入淡出代替移动）',
 'High-contrast palette': '高对比度配色',
 'Presentation mode': '演示模式',
 '&About Strata': '关于 Strata(&A)',
 'Switch the interface language (Ctrl+L)': '切换界面语言（Ctrl+L）',
 'Lessons arrive with the lesson player': '课程将随课程播放器提供',
 ' Speed ×%1 ': ' 速度 ×%1 ',
 'engine starting…': '引擎启动中…',
 'Opening the image store and making the built-in images…': '正在打开镜像存储并生成内置镜像…',
 '● running': '● 运行中', '⏸ paused': '⏸ 已暂停', '■ exited (%1)': '■ 已退出 (%1)', '○ created': '○ 已创建',
 'driver %1': '驱动 %1',
 'rootless': '非 root（rootless）',
 'root': 'root',
 'store %1': '存储 %1',
 '%n image(s)': '%n 个镜像',
 'image inspect %1': 'image inspect %1',
 'layer %1/%2 · %3 files': '第 %1/%2 层 · %3 个文件',
 'About Strata': '关于 Strata',
 "<h3>Strata %1</h3><p>A container engine you can watch: Docker's verbs over a real image store, drawn from the engine's own events.</p><p>Licensed under the GNU GPL v3 or later.</p>": '<h3>Strata %1</h3><p>看得见的容器引擎：在真实的镜像存储上使用 Docker 的命令，画面全部来自引擎自己的事件。</p><p>以 GNU GPL v3 或更高版本授权。</p>',
 'Load image archive': '载入镜像归档',
 'Image archives (*.tar *.tar.gz *.tgz);;All files (*)': '镜像归档 (*.tar *.tar.gz *.tgz);;所有文件 (*)',
 'Save image archive': '保存镜像归档',
 'Tar archives (*.tar)': 'Tar 归档 (*.tar)',
}


def esc(t):
    return html.escape(t, quote=False).replace("'", '&apos;').replace('"', '&quot;')


def fill(path, table):
    text = open(path, encoding='utf-8').read()
    missing = []

    def repl(m):
        head, src, rest = m.group(1), m.group(2), m.group(3)
        plain = html.unescape(src)
        numerus = 'numerus="yes"' in head
        t = table(plain)
        if t is None:
            missing.append(plain)
            return m.group(0)
        if numerus:
            body = '<translation>\n            <numerusform>%s</numerusform>\n        </translation>' % esc(t)
        else:
            body = '<translation>%s</translation>' % esc(t)
        rest = re.sub(r'<translation[^>]*?(/>|>.*?</translation>)', body, rest, count=1, flags=re.S)
        return head + '<source>' + src + '</source>' + rest

    text = re.sub(r'(<message[^>]*>\s*(?:<location[^>]*/>\s*)*)<source>(.*?)</source>(.*?</message>)', repl, text,
                  flags=re.S)
    open(path, 'w', encoding='utf-8').write(text)
    return missing


here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from zh_CN_scenes import SCENES_ZH  # noqa: E402  (the mechanism scenes' strings)
ZH.update(SCENES_ZH)
from zh_CN_lesson import LESSON_ZH  # noqa: E402  (the lesson player's strings)
ZH.update(LESSON_ZH)
missing = fill(os.path.join(here, 'strata_gui_zh_CN.ts'), ZH.get)
fill(os.path.join(here, 'strata_gui_en.ts'), lambda s: None)
if missing:
    print('untranslated:', *missing, sep='\n  ')
    sys.exit(1)
