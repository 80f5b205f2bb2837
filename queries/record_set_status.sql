UPDATE action SET status = $status, closed_date = $closed_date WHERE id = $id
