#pragma once
// First run: when the store is empty, import the sample collection (resources/sample) so the first
// window shows real requests against the demo API (sonde-demo-api, port 8088).
#include <QString>

namespace sonde::ui {
class Workspace;
}

namespace sonde::app {

// Where the sample collection is: next to the binary when installed (../share/sonde/sample), else the
// source tree. Empty when neither exists.
QString sampleDirectory();
// Imports the sample into an empty workspace. Returns a message for the status bar ("" when nothing
// was done).
QString importSampleIfEmpty(ui::Workspace& workspace);

}  // namespace sonde::app
