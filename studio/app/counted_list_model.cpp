// Only for moc: CountedListModel has no code of its own.
#include "counted_list_model.h"
