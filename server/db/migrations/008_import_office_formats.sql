-- Issue 10: the import reads the files a planning office keeps (Excel, zipped Shapefile,
-- GeoPackage, KML) in CGCS2000 and its Gauss–Krüger zones as well, so the import record takes
-- those formats and any coordinate system the server knows (a name, or epsg:NNNN).
alter table feature_import drop constraint feature_import_format_check;
alter table feature_import add constraint feature_import_format_check
  check (format in ('geojson', 'csv', 'osm', 'xlsx', 'shapefile-zip', 'gpkg', 'kml'));
alter table feature_import drop constraint feature_import_source_crs_check;
alter table feature_import add constraint feature_import_source_crs_check
  check (source_crs in ('wgs84', 'gcj02', 'bd09', 'cgcs2000') or source_crs ~ '^epsg:[0-9]{4,5}$');
