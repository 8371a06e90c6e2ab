# FindQScintilla: QScintilla built for Qt 6. Debian ships only a qmake .prf, no CMake config.
# Defines QScintilla::QScintilla. Looks next to Qt6's own include directory, no hard-coded paths.
find_package(Qt6 COMPONENTS Core QUIET)
set(_qsci_hints "")
if(TARGET Qt6::Core)
  get_target_property(_qt_inc Qt6::Core INTERFACE_INCLUDE_DIRECTORIES)
  foreach(_d IN LISTS _qt_inc)
    get_filename_component(_parent "${_d}" DIRECTORY)
    list(APPEND _qsci_hints "${_d}" "${_parent}")
  endforeach()
endif()
find_path(QScintilla_INCLUDE_DIR NAMES Qsci/qsciscintilla.h HINTS ${_qsci_hints} PATH_SUFFIXES qt6)
find_library(QScintilla_LIBRARY NAMES qscintilla2_qt6 qscintilla2-qt6)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(QScintilla REQUIRED_VARS QScintilla_LIBRARY QScintilla_INCLUDE_DIR)
if(QScintilla_FOUND AND NOT TARGET QScintilla::QScintilla)
  add_library(QScintilla::QScintilla UNKNOWN IMPORTED)
  set_target_properties(QScintilla::QScintilla PROPERTIES
    IMPORTED_LOCATION "${QScintilla_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${QScintilla_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "Qt6::Widgets;Qt6::PrintSupport")
endif()
mark_as_advanced(QScintilla_INCLUDE_DIR QScintilla_LIBRARY)
