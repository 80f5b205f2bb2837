UPDATE board SET name = printf('National view: %d local areas'' improvement boards', $areas::INTEGER),
                 area = printf('%d local areas (area 1 is the demo board)', $areas::INTEGER)
