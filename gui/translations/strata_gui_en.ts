<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <message>
        <source>Union mounted (%1): %2 read-only layers below, the container&apos;s layer on top, one merged view.</source>
        <translation type="unfinished"></translation>
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
</context>
<context>
    <name>Marks</name>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>modified</source>
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
        <source>M %1 · D %2 · A %3</source>
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
    <message>
        <source>%1: %2 read-only layers; the merged view shows, for each path, the nearest layer&apos;s copy.</source>
        <translation type="unfinished"></translation>
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
        <source>layer content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1 %2 · %3</source>
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
        <source>One image, many containers: %1 (%2) is stored once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer sizes of %1: %2 in all (bottom = first layer)</source>
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
        <source>Same commands and options as the strata CLI. Up/Down: history. Tab: complete.</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
</context>
<context>
    <name>strata::gui::LayerStackModel</name>
    <message>
        <source>Merged view</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n path(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>strata::gui::MainWindow</name>
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
        <source>Layer stack</source>
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
        <source>▶ Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the engine do its next phase (F10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶▶ Continue</source>
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
        <source>Lessons arrive with the lesson player</source>
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
        <source>⏸ paused</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <source>Show the layer stack</source>
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
        <source>⏮ Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewind the drawing to the session&apos;s first event (Alt+Home)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One event back: the drawing is rebuilt, the engine is not touched (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the drawing from here at the chosen speed (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One event forward, animated (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live ⏭</source>
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
</TS>
