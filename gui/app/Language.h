// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Switches the interface language at run time: installs the Qt Linguist
// translation (compiled into the binary from gui/translations/*.ts) and
// Qt's own, then every widget retranslates on QEvent::LanguageChange.

#include <QString>
#include <QStringList>

namespace strata::gui {

// "en" or "zh_CN"; returns false when no translation is compiled in.
bool setLanguage(const QString &code);
[[nodiscard]] QString currentLanguage();
[[nodiscard]] QStringList availableLanguages();
// The language to start in: the setting, else the system locale.
[[nodiscard]] QString initialLanguage();

} // namespace strata::gui
