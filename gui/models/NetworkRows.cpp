// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/NetworkRows.h"

namespace strata::gui {

namespace {

QString text(const engine::image::Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

} // namespace

QList<QStringList> networkRows(const std::vector<engine::image::Json> &networks)
{
    QList<QStringList> rows;
    for (const auto &n : networks) {
        if (!n.is_object())
            continue;
        QString subnet;
        if (const auto ipam = n.find("IPAM"); ipam != n.end() && ipam->is_object())
            if (const auto config = ipam->find("Config"); config != ipam->end() && config->is_array() && !config->empty())
                subnet = text(config->front(), "Subnet");
        // Docker's "none" and "host" have no subnet: a dash, as `network inspect` shows nothing there.
        rows << QStringList{text(n, "Name"), text(n, "Driver"), subnet.isEmpty() ? QStringLiteral("—") : subnet,
                            text(n, "Id")};
    }
    return rows;
}

} // namespace strata::gui
