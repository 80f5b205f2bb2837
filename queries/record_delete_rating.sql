DELETE FROM rag_rating WHERE id = $id
